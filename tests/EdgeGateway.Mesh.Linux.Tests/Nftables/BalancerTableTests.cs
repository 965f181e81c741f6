using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Linux.Tests.Nftables.Plans;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class BalancerTableTests
{
    private const string Web = "svc-" + WebHash + "-web/tcp/80";
    private const string Dns = "svc-" + DnsHash + "-dns/udp/53";
    private const string Idle = "svc-" + IdleHash + "-idle/tcp/81";
    private const string WebHash = "3M4QCV5C";
    private const string DnsHash = "VRWV6UN3";
    private const string IdleHash = "GNVVPDWJ";

    [Fact]
    public void Names_Plan_Pinned()
    {
        // adoption across versions depends on names staying the same for the same service and frontend
        var names = BalancerRuleset.From(Three()).Ordered.Select(c => c.Name);

        Assert.Equal([Web, Idle, Dns], names);
    }

    [Fact]
    public void RenderFull_Plan_Golden()
    {
        var tx = new NftablesTransaction();

        BalancerTable.RenderFull(BalancerRuleset.From(Three()), tx);

        Golden.Equal(
            $"""
            add table ip edge_mesh
            delete table ip edge_mesh
            add table ip edge_mesh
            add map ip edge_mesh services {"{"} type ipv4_addr . inet_proto . inet_service : verdict; {"}"}
            add chain ip edge_mesh prerouting {"{"} type nat hook prerouting priority dstnat; policy accept; {"}"}
            add rule ip edge_mesh prerouting ip daddr . meta l4proto . th dport vmap @services
            add chain ip edge_mesh output {"{"} type nat hook output priority -100; policy accept; {"}"}
            add rule ip edge_mesh output ip daddr . meta l4proto . th dport vmap @services
            add chain ip edge_mesh postrouting {"{"} type nat hook postrouting priority srcnat; policy accept; {"}"}
            add rule ip edge_mesh postrouting meta mark & 0x4000 == 0x4000 masquerade
            add chain ip edge_mesh refusals {"{"} type filter hook prerouting priority mangle; policy accept; {"}"}
            add rule ip edge_mesh refusals ct direction reply ct status dnat tcp flags & (fin | syn | rst | ack) == rst | ack tcp sequence 0 drop
            add chain ip edge_mesh {Web}
            add rule ip edge_mesh {Web} meta mark set meta mark | 0x4000
            add rule ip edge_mesh {Web} meta l4proto tcp dnat ip to numgen random mod 3 map {"{"} 0 : 10.0.1.2 . 8080, 1-2 : 10.0.1.3 . 8080 {"}"}
            add element ip edge_mesh services {"{"} 10.0.0.2 . tcp . 80 : goto {Web} {"}"}
            add chain ip edge_mesh {Dns}
            add rule ip edge_mesh {Dns} meta mark set meta mark | 0x4000
            add rule ip edge_mesh {Dns} meta l4proto udp dnat ip to jhash ip saddr mod 2 map {"{"} 0 : 10.0.1.2 . 53, 1 : 10.0.1.3 . 53 {"}"}
            add element ip edge_mesh services {"{"} 10.0.0.2 . udp . 53 : goto {Dns} {"}"}
            add chain ip edge_mesh {Idle}
            add rule ip edge_mesh {Idle} reject
            add element ip edge_mesh services {"{"} 10.0.0.3 . tcp . 81 : goto {Idle} {"}"}
            """,
            tx.ToString());
    }

    [Fact]
    public void RenderDiff_SamePlan_NoOperation()
    {
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(BalancerRuleset.From(Three()), BalancerRuleset.From(Three()), tx);

        Assert.Equal(0, tx.Count);
    }

    [Fact]
    public void RenderDiff_BackendWeightChanged_RewritesOnlyThatChain()
    {
        var changed = Three().Entries.Values.Select(e => e.Service == "web" ? Plans.Web(B("10.0.1.2", 8080), B("10.0.1.3", 8080, 0)) : e);
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(BalancerRuleset.From(Three()), BalancerRuleset.From(BalancerPlan.From(changed)), tx);

        Golden.Equal(
            $"""
            flush chain ip edge_mesh {Web}
            add rule ip edge_mesh {Web} meta mark set meta mark | 0x4000
            add rule ip edge_mesh {Web} meta l4proto tcp dnat ip to numgen random mod 1 map {"{"} 0 : 10.0.1.2 . 8080 {"}"}
            """,
            tx.ToString());
        Assert.Equal(3, tx.Count);
    }

    [Fact]
    public void RenderDiff_TargetDerivedFromMirror_OnlyTheRebuiltChain()
    {
        var current = BalancerRuleset.From(Three());
        var changed = BalancerPlan.From(Three().Entries.Values.Select(e => e.Service == "dns" ? Plans.Dns(B("10.0.1.2", 53)) : e));
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(current, current.Next(changed), tx);

        Golden.Equal(
            $"""
            flush chain ip edge_mesh {Dns}
            add rule ip edge_mesh {Dns} meta mark set meta mark | 0x4000
            add rule ip edge_mesh {Dns} meta l4proto udp dnat ip to jhash ip saddr mod 1 map {"{"} 0 : 10.0.1.2 . 53 {"}"}
            """,
            tx.ToString());
    }

    [Fact]
    public void RenderDiff_DrainingBackendOnlyChangesWeightZero_NoOperation()
    {
        // a backend at weight 0 is already out of the kernel's choice; dropping it from the plan changes nothing
        var changed = Three().Entries.Values.Select(e => e.Service == "web" ? Plans.Web(B("10.0.1.2", 8080), B("10.0.1.3", 8080, 2)) : e);
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(BalancerRuleset.From(Three()), BalancerRuleset.From(BalancerPlan.From(changed)), tx);

        Assert.Equal(0, tx.Count);
    }

    [Fact]
    public void RenderDiff_FrontendAddedAndRemoved_ElementsAndChainsOnly()
    {
        var added = Plans.Web(B("10.0.1.9", 80)) with { Frontend = new(System.Net.IPAddress.Parse("10.0.0.4"), L4Protocol.Tcp, 80) };
        var target = BalancerPlan.From(Three().Entries.Values.Where(e => e.Service != "idle").Append(added));
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(BalancerRuleset.From(Three()), BalancerRuleset.From(target), tx);

        var addedChain = ChainNames.ForService("web", added.Frontend);
        Golden.Equal(
            $"""
            delete element ip edge_mesh services {"{"} 10.0.0.3 . tcp . 81 {"}"}
            flush chain ip edge_mesh {Idle}
            delete chain ip edge_mesh {Idle}
            add chain ip edge_mesh {addedChain}
            add rule ip edge_mesh {addedChain} meta mark set meta mark | 0x4000
            add rule ip edge_mesh {addedChain} meta l4proto tcp dnat ip to numgen random mod 1 map {"{"} 0 : 10.0.1.9 . 80 {"}"}
            add element ip edge_mesh services {"{"} 10.0.0.4 . tcp . 80 : goto {addedChain} {"}"}
            """,
            tx.ToString());
        Assert.Equal(7, tx.Count);
    }

    [Fact]
    public void RenderDiff_ServiceRenamedOnSameFrontend_RepointsElement()
    {
        var renamed = Three().Entries.Values.Select(e => e.Service == "idle" ? e with { Service = "idle2" } : e);
        var tx = new NftablesTransaction();

        BalancerTable.RenderDiff(BalancerRuleset.From(Three()), BalancerRuleset.From(BalancerPlan.From(renamed)), tx);

        var newChain = ChainNames.ForService("idle2", Idle().Frontend);
        Golden.Equal(
            $"""
            add chain ip edge_mesh {newChain}
            add rule ip edge_mesh {newChain} reject
            delete element ip edge_mesh services {"{"} 10.0.0.3 . tcp . 81 {"}"}
            add element ip edge_mesh services {"{"} 10.0.0.3 . tcp . 81 : goto {newChain} {"}"}
            flush chain ip edge_mesh {Idle}
            delete chain ip edge_mesh {Idle}
            """,
            tx.ToString());
    }

    [Fact]
    public void From_Ipv6Frontend_ErrorNamesServiceAndAddress()
    {
        var entry = Plans.Web(B("10.0.1.2", 80)) with { Frontend = new(System.Net.IPAddress.Parse("fd00::1"), L4Protocol.Tcp, 80) };

        var error = Assert.Throws<ArgumentException>(() => BalancerRuleset.From(BalancerPlan.From([entry])));

        Assert.Equal("balancer 'web' frontend tcp fd00::1:80: address fd00::1 is not IPv4; the nftables dataplane programs IPv4 only", error.Message);
    }

    [Fact]
    public void From_BackendPortZero_ErrorNamesBackend()
    {
        var error = Assert.Throws<ArgumentException>(() => BalancerRuleset.From(BalancerPlan.From([Plans.Web(B("10.0.1.2", 0))])));

        Assert.Equal("balancer 'web' frontend tcp 10.0.0.2:80 backend 10.0.1.2:0 w=1: port 0 is out of range 1-65535", error.Message);
    }
}
