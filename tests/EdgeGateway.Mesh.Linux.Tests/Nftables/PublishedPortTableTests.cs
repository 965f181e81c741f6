using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class PublishedPortTableTests
{
    internal static readonly ImmutableArray<PublishedPortDnat> Two =
    [
        new(L4Protocol.Tcp, 8080, IPAddress.Parse("172.30.0.2"), 80),
        new(L4Protocol.Udp, 5353, IPAddress.Parse("172.30.0.2"), 53),
    ];

    [Fact]
    public void RenderFull_TwoPorts_Golden()
    {
        var tx = new NftablesTransaction();

        PublishedPortTable.RenderFull(PublishedPortTable.Index(Two), tx);

        Golden.Equal(
            """
            add table ip edge_ingress
            delete table ip edge_ingress
            add table ip edge_ingress
            add map ip edge_ingress published { type inet_proto . inet_service : ipv4_addr . inet_service; }
            add chain ip edge_ingress prerouting { type nat hook prerouting priority dstnat; policy accept; }
            add rule ip edge_ingress prerouting fib daddr type local dnat ip to meta l4proto . th dport map @published
            add chain ip edge_ingress output { type nat hook output priority -100; policy accept; }
            add rule ip edge_ingress output fib daddr type local dnat ip to meta l4proto . th dport map @published
            add chain ip edge_ingress postrouting { type nat hook postrouting priority srcnat; policy accept; }
            add rule ip edge_ingress postrouting ip saddr 127.0.0.0/8 oifname != "lo" masquerade
            add element ip edge_ingress published { tcp . 8080 : 172.30.0.2 . 80 }
            add element ip edge_ingress published { udp . 5353 : 172.30.0.2 . 53 }
            """,
            tx.ToString());
    }

    [Fact]
    public void RenderDiff_TargetChangedAndPortAdded_ElementsOnly()
    {
        var target = Two.SetItem(0, Two[0] with { Target = IPAddress.Parse("172.30.0.3") }).Add(new(L4Protocol.Tcp, 9090, IPAddress.Parse("172.30.0.2"), 90));
        var tx = new NftablesTransaction();

        PublishedPortTable.RenderDiff(PublishedPortTable.Index(Two), PublishedPortTable.Index(target), tx);

        Golden.Equal(
            """
            delete element ip edge_ingress published { tcp . 8080 }
            add element ip edge_ingress published { tcp . 8080 : 172.30.0.3 . 80 }
            add element ip edge_ingress published { tcp . 9090 : 172.30.0.2 . 90 }
            """,
            tx.ToString());
    }

    [Fact]
    public void Read_KernelJson_SameEntries()
    {
        var read = PublishedPortTable.Read(TableDump.Parse(Fixtures.IngressTwo, PublishedPortTable.Name));

        Assert.Equal(PublishedPortTable.Index(Two), read!);
    }

    [Fact]
    public void Index_PortPublishedTwice_ErrorNamesPort()
    {
        var error = Assert.Throws<ArgumentException>(() => PublishedPortTable.Index(Two.Add(Two[0] with { TargetPort = 81 })));

        Assert.Equal("published port tcp :8080 -> 172.30.0.2:81: tcp port 8080 is published twice", error.Message);
    }
}
