using System.Net;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class ConntrackTableTests
{
    private static readonly Frontend Web = new(IPAddress.Parse("10.0.0.2"), L4Protocol.Tcp, 80);

    [Fact]
    public void Count_EstablishedTcpFlows_CountedPerFrontendAndBackend()
    {
        var counts = ConntrackTable.Count(
            """
            ipv4     2 tcp      6 431999 ESTABLISHED src=10.9.0.5 dst=10.0.0.2 sport=40000 dport=80 src=10.0.1.3 dst=10.0.1.1 sport=8080 dport=40000 [ASSURED] mark=16384 use=1
            ipv4     2 tcp      6 431999 ESTABLISHED src=10.9.0.6 dst=10.0.0.2 sport=40001 dport=80 src=10.0.1.3 dst=10.0.1.1 sport=8080 dport=40001 [ASSURED] mark=16384 zone=0 use=2
            """);

        Assert.Equal(2, counts[(Web, IPAddress.Parse("10.0.1.3"), 8080)]);
        Assert.Single(counts);
    }

    [Fact]
    public void Count_ClosingTcpAndOtherFamilies_NotCounted()
    {
        var counts = ConntrackTable.Count(
            """
            ipv4     2 tcp      6 119 TIME_WAIT src=10.9.0.5 dst=10.0.0.2 sport=40002 dport=80 src=10.0.1.2 dst=10.0.1.1 sport=8080 dport=40002 [ASSURED] mark=0 use=1
            ipv4     2 icmp     1 29 src=10.9.0.5 dst=10.0.0.2 type=8 code=0 id=7 src=10.0.0.2 dst=10.9.0.5 type=0 code=0 id=7 mark=0 use=1
            ipv6     10 tcp      6 431999 ESTABLISHED src=fd00::5 dst=fd00::2 sport=40000 dport=80 src=fd00::2 dst=fd00::5 sport=80 dport=40000 [ASSURED] mark=0 use=1
            """);

        Assert.Empty(counts);
    }

    [Fact]
    public void Count_UdpFlow_CountedWhateverItsState()
    {
        var counts = ConntrackTable.Count(
            "ipv4     2 udp      17 29 src=10.9.0.5 dst=10.0.0.2 sport=40003 dport=53 [UNREPLIED] src=10.0.1.2 dst=10.0.1.1 sport=53 dport=40003 mark=16384 use=1");

        Assert.Equal(1, counts[(new Frontend(IPAddress.Parse("10.0.0.2"), L4Protocol.Udp, 53), IPAddress.Parse("10.0.1.2"), 53)]);
    }
}
