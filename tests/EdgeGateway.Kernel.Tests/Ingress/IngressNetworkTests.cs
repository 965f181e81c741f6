using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Ingress;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Kernel.Tests.Ingress;

/// <summary>
/// Two "nodes" (namespaces joined by an underlay veth), each building its ingress sandbox; the sandboxes must reach
/// each other over VXLAN, the node must reach its sandbox over the veth, and a second ensure must change nothing.
/// </summary>
public class IngressNetworkTests
{
    private static readonly IPAddress[] Underlay = [IPAddress.Parse("10.213.80.1"), IPAddress.Parse("10.213.80.2")];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IngressNetworkPlan PlanFor(KernelTestScope scope, int node, params IPAddress[] peers) => new(
        SandboxNamespace: scope.Name("sb" + node),
        BridgeName: "br-ingress",
        VxlanName: "vx-ingress",
        Vni: 4096,
        VxlanPort: 4789,
        Subnet: new IPNetwork(IPAddress.Parse("10.213.90.0"), 24),
        SandboxAddress: IPAddress.Parse($"10.213.90.{node + 1}"),
        LocalUnderlay: Underlay[node],
        PeerUnderlays: [.. peers],
        HostVethName: "ingress-host",
        HostVethAddress: IPAddress.Parse("10.213.91.1"),
        SandboxVethAddress: IPAddress.Parse("10.213.91.2"),
        VethPrefixLength: 30);

    private static Task<T> Read<T>(NetNamespace ns, Func<RtnetlinkClient, T> read) => ns.RunAsync(() =>
    {
        using var client = RtnetlinkClient.Open();
        return read(client);
    }, Token);

    private static async Task<(NetNamespace A, NetNamespace B)> NodesAsync(KernelTestScope scope)
    {
        var a = await scope.CreateNamespaceAsync("n0");
        var b = await scope.CreateNamespaceAsync("n1");
        await a.RunAsync(() =>
        {
            using var c = RtnetlinkClient.Open();
            c.CreateVeth("underlay", "underlay", b.Name);
        }, Token);
        foreach (var (ns, address) in new[] { (a, Underlay[0]), (b, Underlay[1]) })
        {
            await ns.RunAsync(() =>
            {
                using var c = RtnetlinkClient.Open();
                var index = c.GetLink("underlay").Index;
                c.ReplaceAddress(index, address, 24);
                c.SetUp(index);
                c.SetUp(c.GetLink("lo").Index);
            }, Token);
        }

        return (a, b);
    }

    [Fact]
    public async Task EnsureAsync_TwoNodes_SandboxesTalkOverVxlanAndNodeReachesItsSandbox()
    {
        await using var scope = new KernelTestScope();
        var (a, b) = await NodesAsync(scope);
        var planA = PlanFor(scope, 0, Underlay[1]);
        var planB = PlanFor(scope, 1, Underlay[0]);
        scope.TrackNamespace(planA.SandboxNamespace);
        scope.TrackNamespace(planB.SandboxNamespace);
        var ingressA = new IngressNetwork(a);
        var ingressB = new IngressNetwork(b);
        await using var _ = ingressA;
        await using var __ = ingressB;

        await ingressA.EnsureAsync(planA, Token);
        await ingressB.EnsureAsync(planB, Token);

        await using var sandboxA = await NetNamespace.OpenAsync(planA.SandboxNamespace);
        await using var sandboxB = await NetNamespace.OpenAsync(planB.SandboxNamespace);
        Assert.Equal("echo:hello", await TcpProbe.ConnectAndEchoAsync(sandboxB, planB.SandboxAddress, sandboxA, Token));
        Assert.Equal("echo:hello", await TcpProbe.ConnectAndEchoAsync(sandboxA, planA.SandboxVethAddress, a, Token));
        var vxlan = await Read(sandboxA, c => c.GetLink("vx-ingress"));
        Assert.Equal(4096, vxlan.Vni);
        Assert.Null(await Read(a, c => c.FindLink("vx-ingress")));
    }

    [Fact]
    public async Task EnsureAsync_SecondRunByNewInstance_AdoptsWithoutDuplicatesAndFollowsPeerChanges()
    {
        await using var scope = new KernelTestScope();
        var (a, _) = await NodesAsync(scope);
        var plan = PlanFor(scope, 0, Underlay[1]);
        scope.TrackNamespace(plan.SandboxNamespace);
        await using (var first = new IngressNetwork(a))
        {
            await first.EnsureAsync(plan, Token);
        }

        static (List<LinkInfo> Links, List<AddressInfo> Addresses, List<IPAddress> Flood) Snapshot(RtnetlinkClient c)
        {
            var vx = c.GetLink("vx-ingress");
            return (c.DumpLinks(), c.DumpAddresses(), [.. c.DumpFdb(vx.Index).Where(e => e.Destination is not null).Select(e => e.Destination!)]);
        }

        await using var sandbox = await NetNamespace.OpenAsync(plan.SandboxNamespace);
        var before = await Read(sandbox, Snapshot);
        var moved = plan with { PeerUnderlays = [IPAddress.Parse("10.213.80.7"), IPAddress.Parse("10.213.80.8")] };
        await using var second = new IngressNetwork(a);

        await second.EnsureAsync(plan, Token);
        var again = await Read(sandbox, Snapshot);
        await second.EnsureAsync(moved, Token);
        var after = await Read(sandbox, Snapshot);

        Assert.Equal(before.Links.Select(l => (l.Index, l.Name)), again.Links.Select(l => (l.Index, l.Name)));
        Assert.Equal(before.Addresses, again.Addresses);
        Assert.Equal([Underlay[1]], again.Flood);
        Assert.Equal(moved.PeerUnderlays.OrderBy(p => p.ToString()), after.Flood.OrderBy(p => p.ToString()));
    }

    [Fact]
    public async Task RemoveAsync_AfterEnsure_LeavesNoSandboxAndNoHostVeth()
    {
        await using var scope = new KernelTestScope();
        var (a, _) = await NodesAsync(scope);
        var plan = PlanFor(scope, 0, Underlay[1]);
        scope.TrackNamespace(plan.SandboxNamespace);
        await using var ingress = new IngressNetwork(a);
        await ingress.EnsureAsync(plan, Token);

        await ingress.RemoveAsync(plan, Token);

        Assert.False(NetNamespaceStore.Exists(plan.SandboxNamespace));
        Assert.Null(await Read(a, c => c.FindLink("ingress-host")));
        Assert.Null(await Read(a, c => c.FindLink("vx-ingress")));
    }

    [Fact]
    public async Task EnsureAsync_UnderlayAddressMissing_ThrowsNamingTheAddress()
    {
        await using var scope = new KernelTestScope();
        var (a, _) = await NodesAsync(scope);
        var plan = PlanFor(scope, 0, Underlay[1]) with { LocalUnderlay = IPAddress.Parse("10.213.80.99") };
        scope.TrackNamespace(plan.SandboxNamespace);
        await using var ingress = new IngressNetwork(a);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ingress.EnsureAsync(plan, Token));

        Assert.Equal("ingress network: underlay address 10.213.80.99 is on no interface of this node", error.Message);
    }
}
