using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Linux.Tests.Nftables.Plans;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public sealed class NftablesBalancerDataplaneTests : IAsyncDisposable
{
    private readonly RecordingRunner _runner = new();
    private string? _conntrack;

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_NoTable_OneFullTransaction()
    {
        await using var dataplane = Create();
        await dataplane.AdoptAsync(TestContext.Current.CancellationToken);

        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Single(_runner.Batches);
        Assert.StartsWith("add table ip edge_mesh\ndelete table ip edge_mesh\nadd table ip edge_mesh\n", _runner.Last, StringComparison.Ordinal);
        Assert.Equal(23, ops);
    }

    [Fact]
    public async Task ApplyAsync_SamePlanTwice_SecondEmitsNothing()
    {
        await using var dataplane = Create();
        await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        var ops = await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);

        Assert.Equal(0, ops);
        Assert.Single(_runner.Batches);
    }

    [Fact]
    public async Task AdoptAsync_TableOfSamePlan_ApplyEmitsNothing()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        await using var dataplane = Create();

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
        await using var dataplane = Create();
        await dataplane.AdoptAsync(TestContext.Current.CancellationToken);
        var grown = Three().Entries.Values.Select(e => e.Service == "dns" ? Dns(B("10.0.1.2", 53), B("10.0.1.3", 53), B("10.0.1.5", 53)) : e);

        var ops = await dataplane.ApplyAsync(BalancerPlan.From(grown), TestContext.Current.CancellationToken);

        Assert.Equal(3, ops);
        Assert.All(_runner.Last.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains("svc-VRWV6UN3-dns/udp/53", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_ManyServicesOneTaskDrainedAndBack_OnlyThatChainEachTime()
    {
        await using var dataplane = Create();
        await dataplane.AdoptAsync(TestContext.Current.CancellationToken);
        await dataplane.ApplyAsync(Many(drained: null), TestContext.Current.CancellationToken);

        var drainOps = await dataplane.ApplyAsync(Many(drained: 7), TestContext.Current.CancellationToken);
        var drainBatch = _runner.Last;
        var backOps = await dataplane.ApplyAsync(Many(drained: null), TestContext.Current.CancellationToken);

        Assert.Equal((3, 3), (drainOps, backOps));
        Assert.Equal(3, _runner.Batches.Count);
        var chain = ChainNames.ForService("s7", Many(null).Entries.Values.Single(e => e.Service == "s7").Frontend);
        Assert.All(drainBatch.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(chain, line, StringComparison.Ordinal));
        Assert.DoesNotContain("10.1.7.1 ", drainBatch, StringComparison.Ordinal);
        Assert.Contains("10.1.7.1 ", _runner.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_AfterRejectedTransaction_NextApplyIsFull()
    {
        await using var dataplane = Create();
        await dataplane.ApplyAsync(Three(), TestContext.Current.CancellationToken);
        var drained = BalancerPlan.From([Web(B("10.0.1.2", 8080))]);
        _runner.RejectNext = true;

        await Assert.ThrowsAsync<NftablesException>(() => dataplane.ApplyAsync(drained, TestContext.Current.CancellationToken));
        var ops = await dataplane.ApplyAsync(drained, TestContext.Current.CancellationToken);

        Assert.Equal(2, _runner.Batches.Count);
        Assert.StartsWith("add table ip edge_mesh\ndelete table ip edge_mesh\n", _runner.Last, StringComparison.Ordinal);
        Assert.Equal(16, ops);
    }

    [Fact]
    public async Task ApplyAsync_InvalidPlan_KernelUntouchedAndMirrorKept()
    {
        await using var dataplane = Create();
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
        await using var dataplane = Create();

        var status = await dataplane.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("nftables", status.Dataplane);
        var web = Assert.Single(status.Frontends, f => f.Frontend.Port == 80);
        Assert.Equal("numgen (web)", web.Scheduler);
        Assert.Equal([B("10.0.1.2", 8080, 1), B("10.0.1.3", 8080, 2)], web.Backends.Select(b => b.Backend));
        Assert.Equal("jhash (dns)", Assert.Single(status.Frontends, f => f.Frontend.Port == 53).Scheduler);
    }

    [Fact]
    public async Task ReadAsync_ConntrackFlows_ActiveConnectionsPerBackend()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        _conntrack =
            """
            ipv4     2 tcp      6 431999 ESTABLISHED src=10.9.0.5 dst=10.0.0.2 sport=40000 dport=80 src=10.0.1.3 dst=10.0.1.1 sport=8080 dport=40000 [ASSURED] mark=16384 use=1
            ipv4     2 tcp      6 431999 ESTABLISHED src=10.9.0.5 dst=10.0.0.2 sport=40001 dport=80 src=10.0.1.3 dst=10.0.1.1 sport=8080 dport=40001 [ASSURED] mark=16384 use=1
            ipv4     2 tcp      6 119 TIME_WAIT src=10.9.0.5 dst=10.0.0.2 sport=40002 dport=80 src=10.0.1.2 dst=10.0.1.1 sport=8080 dport=40002 [ASSURED] mark=16384 use=1
            ipv4     2 udp      17 29 src=10.9.0.5 dst=10.0.0.2 sport=40003 dport=53 src=10.0.1.2 dst=10.0.1.1 sport=53 dport=40003 mark=16384 use=1
            """;
        await using var dataplane = Create();

        var status = await dataplane.ReadAsync(TestContext.Current.CancellationToken);

        var web = Assert.Single(status.Frontends, f => f.Frontend.Port == 80);
        Assert.Equal([0L, 2L], web.Backends.Select(b => b.ActiveConnections));
        var dns = Assert.Single(status.Frontends, f => f.Frontend.Port == 53);
        Assert.Equal([1L, 0L], dns.Backends.Select(b => b.ActiveConnections));
    }

    [Fact]
    public async Task ReadAsync_NoConntrackTable_ActiveConnectionsUnknown()
    {
        _runner.ListJson = Fixtures.BalancerThree;
        await using var dataplane = Create();

        var status = await dataplane.ReadAsync(TestContext.Current.CancellationToken);

        Assert.All(status.Frontends.SelectMany(f => f.Backends), b => Assert.Null(b.ActiveConnections));
    }

    [Fact]
    public async Task RemoveAllAsync_Table_DeletedIdempotently()
    {
        await using var dataplane = Create();

        await dataplane.RemoveAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal("add table ip edge_mesh\ndelete table ip edge_mesh\n", _runner.Last);
    }

    /// <summary>20 services of 3 tasks each; the first task of service <paramref name="drained"/> at weight 0.</summary>
    private static BalancerPlan Many(int? drained) => BalancerPlan.From(Enumerable.Range(0, 20).Select(s => new BalancerEntry(
        $"s{s}",
        new Frontend(System.Net.IPAddress.Parse($"10.0.0.{s + 10}"), L4Protocol.Tcp, 80),
        Scheduler.RoundRobin,
        [.. Enumerable.Range(1, 3).Select(t => B($"10.1.{s}.{t}", 80, drained == s && t == 1 ? 0 : 1))])));

    private NftablesBalancerDataplane Create() => new(_runner, _ => Task.FromResult(_conntrack));
}
