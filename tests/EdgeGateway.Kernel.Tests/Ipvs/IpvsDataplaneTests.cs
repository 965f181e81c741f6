using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Kernel.Tests.Ipvs.Plans;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>The IPVS balancer against the real kernel (inside the qemu VM), each test in a fresh namespace.</summary>
[Trait(IpvsKernel.TraitName, IpvsKernel.TraitValue)]
public class IpvsDataplaneTests
{
    private static readonly BalancerPlan TwoServices = Of(
        Entry(Tcp("10.213.50.1", 80), Scheduler.RoundRobin, Backend("10.213.60.2", 8080, 1), Backend("10.213.60.3", 8080, 3)),
        Entry(Udp("10.213.50.1", 53), Scheduler.ConsistentHash, Backend("10.213.60.2", 5353)));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(KernelTestScope Scope, IBalancerDataplane Dataplane)> StartAsync()
    {
        IpvsKernel.Require();
        var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("ipvs");

        // IPVS accepts only destinations the namespace can route: a namespace without any address has no tables yet.
        await ns.RunAsync(() =>
        {
            using var links = RtnetlinkClient.Open();
            links.SetUp(links.GetLink("lo").Index);
        });
        var dataplane = await IpvsDataplanes.CreateBalancerAsync(ns);
        await dataplane.AdoptAsync(Token);
        return (scope, dataplane);
    }

    private static async Task<NetNamespace> SameNamespaceAsync(KernelTestScope scope) => await NetNamespace.OpenAsync(scope.Name("ipvs"));

    private static void AssertHolds(BalancerPlan plan, BalancerStatus status)
    {
        Assert.Equal("ipvs", status.Dataplane);
        Assert.Equal(plan.Entries.Values.Select(e => e.Frontend), status.Frontends.Select(f => f.Frontend));
        foreach (var frontend in status.Frontends)
        {
            var entry = plan.Entries[frontend.Frontend.ToString()];
            Assert.Equal(entry.Backends, frontend.Backends.Select(b => b.Backend));
        }
    }

    [Fact]
    public async Task ApplyAsync_FromEmpty_KernelHoldsServicesDestinationsWeightsAndSchedulers()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;

        var operations = await dataplane.ApplyAsync(TwoServices, Token);
        var status = await dataplane.ReadAsync(Token);

        Assert.Equal(5, operations);
        AssertHolds(TwoServices, status);
        Assert.Equal(["wrr", "mh"], status.Frontends.Select(f => f.Scheduler));
        Assert.All(status.Frontends.SelectMany(f => f.Backends), b => Assert.Equal(0, b.ActiveConnections));
    }

    [Fact]
    public async Task ApplyAsync_FromEmpty_IpvsadmReadsTheSameTable()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;

        await dataplane.ApplyAsync(TwoServices, Token);

        Assert.Equal(
        [
            "-A -t 10.213.50.1:80 -s wrr",
            "-A -u 10.213.50.1:53 -s mh",
            "-a -t 10.213.50.1:80 -r 10.213.60.2:8080 -m -w 1",
            "-a -t 10.213.50.1:80 -r 10.213.60.3:8080 -m -w 3",
            "-a -u 10.213.50.1:53 -r 10.213.60.2:5353 -m -w 1",
        ], await Ipvsadm.SaveAsync(scope.Name("ipvs")));
    }

    [Fact]
    public async Task ApplyAsync_SamePlanAgain_EmitsNoOperations()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);

        var operations = await dataplane.ApplyAsync(TwoServices, Token);

        Assert.Equal(0, operations);
    }

    [Fact]
    public async Task ApplyAsync_BackendDrained_OnlyItsWeightChangesToZero()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);
        var drained = Of(
            Entry(Tcp("10.213.50.1", 80), Scheduler.RoundRobin, Backend("10.213.60.2", 8080, 0), Backend("10.213.60.3", 8080, 3)),
            Entry(Udp("10.213.50.1", 53), Scheduler.ConsistentHash, Backend("10.213.60.2", 5353)));

        var operations = await dataplane.ApplyAsync(drained, Token);

        Assert.Equal(1, operations);
        AssertHolds(drained, await dataplane.ReadAsync(Token));
    }

    [Fact]
    public async Task ApplyAsync_BackendReplacedAndFrontendRemoved_EmitsOnlyThoseChanges()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);
        var next = Of(Entry(Tcp("10.213.50.1", 80), Scheduler.RoundRobin, Backend("10.213.60.3", 8080, 3), Backend("10.213.60.4", 8080, 1)));

        var operations = await dataplane.ApplyAsync(next, Token);

        Assert.Equal(3, operations);
        AssertHolds(next, await dataplane.ReadAsync(Token));
    }

    [Fact]
    public async Task ApplyAsync_SchedulerChanged_ServiceUpdatedInPlace()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);
        var hashed = Of(
            Entry(Tcp("10.213.50.1", 80), Scheduler.ConsistentHash, Backend("10.213.60.2", 8080, 1), Backend("10.213.60.3", 8080, 3)),
            Entry(Udp("10.213.50.1", 53), Scheduler.ConsistentHash, Backend("10.213.60.2", 5353)));

        var operations = await dataplane.ApplyAsync(hashed, Token);
        var status = await dataplane.ReadAsync(Token);

        Assert.Equal(1, operations);
        Assert.Equal(["mh", "mh"], status.Frontends.Select(f => f.Scheduler));
        AssertHolds(hashed, status);
    }

    [Fact]
    public async Task AdoptAsync_NewDataplaneOverExistingTable_AppliesNothingForSamePlan()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);
        await using var ns = await SameNamespaceAsync(scope);
        await using var restarted = await IpvsDataplanes.CreateBalancerAsync(ns);

        var adopted = await restarted.AdoptAsync(Token);

        AssertHolds(TwoServices, adopted);
        Assert.Equal(0, await restarted.ApplyAsync(TwoServices, Token));
    }

    [Fact]
    public async Task ApplyAsync_KernelRejectsAChangeHalfway_PreviousTableRestoredAndErrorNamesOperation()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);
        var broken = Of(
            Entry(Tcp("10.213.50.1", 80), Scheduler.RoundRobin, Backend("10.213.60.9", 8080, 1)),
            Entry(Tcp("10.213.50.2", 80), Scheduler.RoundRobin, Backend("10.213.60.2", 8080, -1)));

        var error = await Assert.ThrowsAsync<KernelCallException>(() => dataplane.ApplyAsync(broken, Token));

        Assert.Contains("add IPVS destination 10.213.60.2:8080 weight -1 to tcp 10.213.50.2:80", error.Message, StringComparison.Ordinal);
        AssertHolds(TwoServices, await dataplane.ReadAsync(Token));
    }

    [Fact]
    public async Task RemoveAllAsync_AfterApply_LeavesNoService()
    {
        var (scope, dataplane) = await StartAsync();
        await using var _ = scope;
        await using var __ = dataplane;
        await dataplane.ApplyAsync(TwoServices, Token);

        await dataplane.RemoveAllAsync(Token);

        Assert.Empty((await dataplane.ReadAsync(Token)).Frontends);
        Assert.Equal(5, await dataplane.ApplyAsync(TwoServices, Token));
    }
}
