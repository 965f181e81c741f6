using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Rtnetlink;

namespace EdgeGateway.Kernel.Tests.Rtnetlink;

public class RtnetlinkClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<T> InNamespace<T>(NetNamespace ns, Func<RtnetlinkClient, T> work) =>
        ns.RunAsync(() =>
        {
            using var client = RtnetlinkClient.Open();
            return work(client);
        }, Token);

    private static Task InNamespace(NetNamespace ns, Action<RtnetlinkClient> work) =>
        ns.RunAsync(() =>
        {
            using var client = RtnetlinkClient.Open();
            work(client);
        }, Token);

    private static void Configure(RtnetlinkClient client, string link, IPAddress address, int prefix)
    {
        var index = client.GetLink(link).Index;
        client.SetUp(client.GetLink("lo").Index);
        client.ReplaceAddress(index, address, prefix);
        client.SetUp(index);
    }

    [Fact]
    public async Task CreateVeth_PeerInOtherNamespace_TcpConnectsAcross()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var b = await scope.CreateNamespaceAsync("b");

        await InNamespace(a, c => c.CreateVeth("va", "vb", b.Name));
        await InNamespace(a, c => Configure(c, "va", IPAddress.Parse("10.213.1.1"), 24));
        await InNamespace(b, c => Configure(c, "vb", IPAddress.Parse("10.213.1.2"), 24));

        var reply = await TcpProbe.ConnectAndEchoAsync(b, IPAddress.Parse("10.213.1.2"), a, Token);

        Assert.Equal("echo:hello", reply);
    }

    [Fact]
    public async Task DumpLinksAndAddresses_AfterCreate_ShowWhatWasMade()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");

        var (links, addresses, routes) = await InNamespace(a, c =>
        {
            c.CreateBridge("br0");
            var bridge = c.GetLink("br0");
            c.SetMtu(bridge.Index, 1400);
            Configure(c, "br0", IPAddress.Parse("10.213.2.1"), 24);
            c.ReplaceAddress(bridge.Index, IPAddress.Parse("10.213.2.1"), 24);
            c.ReplaceRoute(new IPNetwork(IPAddress.Parse("10.213.9.0"), 24), IPAddress.Parse("10.213.2.254"), bridge.Index);
            return (c.DumpLinks(), c.DumpAddresses(), c.DumpRoutes());
        });

        var br = Assert.Single(links, l => l.Name == "br0");
        Assert.Equal("bridge", br.Kind);
        Assert.Equal(1400, br.Mtu);
        Assert.True(br.IsUp);
        Assert.Single(addresses, x => x.Index == br.Index && x.Address.Equals(IPAddress.Parse("10.213.2.1")) && x.PrefixLength == 24);
        Assert.Contains(routes, r => r.Destination == new IPNetwork(IPAddress.Parse("10.213.9.0"), 24)
            && IPAddress.Parse("10.213.2.254").Equals(r.Gateway) && r.OutputIndex == br.Index);
    }

    [Fact]
    public async Task ReplaceArp_OnVeth_IpShowsPermanentNeighbour()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var b = await scope.CreateNamespaceAsync("b");
        await InNamespace(a, c => c.CreateVeth("va", "vb", b.Name));

        await InNamespace(a, c =>
        {
            Configure(c, "va", IPAddress.Parse("10.213.1.1"), 24);
            c.ReplaceArp(c.GetLink("va").Index, IPAddress.Parse("10.213.1.9"), [0x02, 0x42, 0x0a, 0xd5, 0x01, 0x09]);
            c.ReplaceArp(c.GetLink("va").Index, IPAddress.Parse("10.213.1.9"), [0x02, 0x42, 0x0a, 0xd5, 0x01, 0x09]);
        });

        var shown = await Cli.IpAsync(a.Name, "neigh", "show", "dev", "va");
        Assert.Equal("10.213.1.9 lladdr 02:42:0a:d5:01:09 PERMANENT", shown.Trim());
    }

    [Fact]
    public async Task CreateVxlan_Spec_IpShowsIdLocalDevicePortAndNoLearning()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");

        await InNamespace(a, c =>
        {
            c.CreateBridge("ul0");
            var ul = c.GetLink("ul0");
            c.ReplaceAddress(ul.Index, IPAddress.Parse("10.213.5.1"), 24);
            c.CreateVxlan(new VxlanSpec("vx0", 7, 4789, IPAddress.Parse("10.213.5.1"), ul.Index, Learning: false));
        });

        var details = await Cli.IpAsync(a.Name, "-d", "link", "show", "vx0");
        Assert.Contains("vxlan id 7 local 10.213.5.1 dev ul0", details, StringComparison.Ordinal);
        Assert.Contains("dstport 4789 nolearning", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteLink_Existing_FindLinkReturnsNull()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");

        var found = await InNamespace(a, c =>
        {
            c.CreateBridge("br0");
            c.DeleteLink(c.GetLink("br0").Index);
            return c.FindLink("br0");
        });

        Assert.Null(found);
    }

    [Fact]
    public async Task CreateBridge_NameTaken_ThrowsNamingOperationAndErrno()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");

        var error = await Assert.ThrowsAsync<KernelCallException>(() => InNamespace(a, c =>
        {
            c.CreateBridge("br0");
            c.CreateBridge("br0");
        }));

        Assert.Equal(17, error.Errno);
        Assert.StartsWith("create bridge br0 failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateVxlan_BridgedOverUnderlayVeth_TcpConnectsAcrossOverlay()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var b = await scope.CreateNamespaceAsync("b");
        var underlayA = IPAddress.Parse("10.213.3.1");
        var underlayB = IPAddress.Parse("10.213.3.2");
        await InNamespace(a, c => c.CreateVeth("ua", "ub", b.Name));
        await InNamespace(a, c => Configure(c, "ua", underlayA, 24));
        await InNamespace(b, c => Configure(c, "ub", underlayB, 24));

        static void Overlay(RtnetlinkClient c, string underlay, IPAddress local, IPAddress peer, IPAddress overlay)
        {
            c.CreateBridge("br0");
            c.CreateVxlan(new VxlanSpec("vx0", 4242, 4789, local, c.GetLink(underlay).Index, Learning: false));
            var vx = c.GetLink("vx0");
            c.SetMaster(vx.Index, c.GetLink("br0").Index);
            c.AppendFloodEntry(vx.Index, peer);
            c.AppendFloodEntry(vx.Index, peer);
            c.SetUp(vx.Index);
            Configure(c, "br0", overlay, 24);
        }

        await InNamespace(a, c => Overlay(c, "ua", underlayA, underlayB, IPAddress.Parse("10.213.4.1")));
        await InNamespace(b, c => Overlay(c, "ub", underlayB, underlayA, IPAddress.Parse("10.213.4.2")));
        var (vxlan, fdb) = await InNamespace(a, c =>
        {
            var vx = c.GetLink("vx0");
            return (vx, c.DumpFdb(vx.Index));
        });

        var reply = await TcpProbe.ConnectAndEchoAsync(b, IPAddress.Parse("10.213.4.2"), a, Token);

        Assert.Equal("echo:hello", reply);
        Assert.Equal("vxlan", vxlan.Kind);
        Assert.Equal(4242, vxlan.Vni);
        Assert.Single(fdb, e => underlayB.Equals(e.Destination) && e.Mac.All(x => x == 0));
    }

    [Fact]
    public async Task DeleteFloodEntry_OfPeer_RemovesOnlyThatRemote()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var peer1 = IPAddress.Parse("10.213.5.2");
        var peer2 = IPAddress.Parse("10.213.5.3");

        var fdb = await InNamespace(a, c =>
        {
            c.CreateBridge("ul0");
            var ul = c.GetLink("ul0");
            c.ReplaceAddress(ul.Index, IPAddress.Parse("10.213.5.1"), 24);
            c.CreateVxlan(new VxlanSpec("vx0", 7, 4789, IPAddress.Parse("10.213.5.1"), ul.Index, Learning: false));
            var vx = c.GetLink("vx0");
            c.AppendFloodEntry(vx.Index, peer1);
            c.AppendFloodEntry(vx.Index, peer2);
            c.DeleteFloodEntry(vx.Index, peer1);
            return c.DumpFdb(vx.Index);
        });

        Assert.Equal([peer2], fdb.Where(e => e.Destination is not null).Select(e => e.Destination!));
    }
}
