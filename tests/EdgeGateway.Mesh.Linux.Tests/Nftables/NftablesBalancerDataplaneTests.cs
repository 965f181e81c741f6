using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Linux.Tests.Nftables.Plans;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class NftablesBalancerDataplaneTests
{
    private readonly RecordingRunner _runner = new();

    [Fact]
    public async Task ApplyAsync_NoTable_OneFullTransaction()
    {
        await using var dataplane = new NftablesBalancerDataplane(_runner);
        await dataplane.AdoptAsync(TestContext.Current.CancellationToken);

        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Single(_runner.Batches);
        Assert.StartsWith("add table ip edge_mesh\ndelete table ip edge_mesh\nadd table ip edge_mesh\n", _runner.Last, StringComparison.Ordinal);
        Assert.Equal(21, ops);
    }

    [Fact]
    public async Task ApplyAsync_SamePlanTwice_SecondEmitsNothing()
    {
        await using var dataplane = new NftablesBalancerDataplane(_runner);
        await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Equal(0, ops);
        Assert.Single(_runner.Batches);
    }

    [Fact]
    public async Task AdoptAsync_TableOfSamePlan_ApplyEmitsNothing()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        await using var dataplane = new NftablesBalancerDataplane(_runner);

        var adopted = await dataplane.AdoptAsync(TestContext.Current.CancellationToken);
        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
        Assert.Equal(3, adopted.Frontends.Length);
    }

    [Fact]
    public async Task AdoptAsync_ThenOneBackendAdded_OnlyThatChainRewritten()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        await using var dataplane = new NftablesBalancerDataplane(_runner);
        await dataplane.AdoptAsync(TestContext.Current.CancellationToken);
        var grown = Three().Entries.Values.Select(e => e.Service == "dns" ? Dns(B("10.0.1.2", 53), B("10.0.1.3", 53), B("10.0.1.5", 53)) : e);

        var ops = await dataplane.ApplyAsync(BalancerPlan.From(grown), TestContext.Current.CancellationToken);

        Assert.Equal(3, ops);
        Assert.All(_runner.Last.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("svc-VRWV6UN3-dns/udp/53", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_AfterRejectedTransaction_NextApplyIsFull()
    {
        await using var dataplane = new NftablesBalancerDataplane(_runner);
        await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);
        var drained = BalancerPlan.From([Web(B("10.0.1.2", 8080))]);
        _runner.RejectNext = true;

        await Assert.ThrowsAsync<NftablesException>(() => dataplane.ApplyAsync(drained, TestContext.Current.CancellationToken));
        var ops = await dataplane.ApplyAsync(drained, TestContext.Current.CancellationToken);

        Assert.Equal(2, _runner.Batches.Count);
        Assert.StartsWith("add table ip edge_mesh\ndelete table ip edge_mesh\n", _runner.Last, StringComparison.Ordinal);
        Assert.Equal(14, ops);
    }

    [Fact]
    public async Task ApplyAsync_InvalidPlan_KernelUntouchedAndMirrorKept()
    {
        await using var dataplane = new NftablesBalancerDataplane(_runner);
        await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(() => dataplane.ApplyAsync(BalancerPlan.From([Web(B("10.0.1.2", 70000))]), TestContext.Current.CancellationToken));
        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Single(_runner.Batches);
        Assert.Equal(0, ops);
    }

    [Fact]
    public async Task ReadAsync_KernelTable_FrontendsWithWeights()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        await using var dataplane = new NftablesBalancerDataplane(_runner);

        var status = await dataplane.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("nftables", status.Dataplane);
        var web = Assert.Single(status.Frontends, f => f.Frontend.Port == 80);
        Assert.Equal("numgen (web)", web.Scheduler);
        Assert.Equal([B("10.0.1.2", 8080, 1), B("10.0.1.3", 8080, 2)], web.Backends.Select(b => b.Backend));
        Assert.Equal("jhash (dns)", Assert.Single(status.Frontends, f => f.Frontend.Port == 53).Scheduler);
    }

    [Fact]
    public async Task RemoveAllAsync_Table_DeletedIdempotently()
    {
        await using var dataplane = new NftablesBalancerDataplane(_runner);

        await dataplane.RemoveAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal("add table ip edge_mesh\ndelete table ip edge_mesh\n", _runner.Last);
    }
}
