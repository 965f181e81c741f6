using System.Net;
using EdgeGateway.Agent.Status;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Status;

public class StatusTableTests
{
    [Fact]
    public void Render_Frontends_LooksLikeIpvsadm()
    {
        var status = new BalancerStatus("nftables",
        [
            new FrontendStatus(new Frontend(IPAddress.Parse("169.254.127.2"), L4Protocol.Udp, 5353), "numgen (dns)", [new BackendStatus(new Backend(IPAddress.Parse("10.255.0.31"), 53, 1), null)]),
            new FrontendStatus(new Frontend(IPAddress.Parse("169.254.127.2"), L4Protocol.Tcp, 8080), "rr",
            [
                new BackendStatus(new Backend(IPAddress.Parse("10.255.0.21"), 80, 1), 3),
                new BackendStatus(new Backend(IPAddress.Parse("10.255.0.22"), 80, 0), 12),
            ]),
        ]);

        var text = StatusTable.Render(status);

        Assert.Equal(
            """
            Dataplane: nftables (2 frontends)
            Prot LocalAddress:Port            Scheduler
              -> RemoteAddress:Port        Weight ActiveConn
            TCP  169.254.127.2:8080           rr
              -> 10.255.0.21:80            1      3
              -> 10.255.0.22:80            0      12
            UDP  169.254.127.2:5353           numgen (dns)
              -> 10.255.0.31:53            1      -

            """.ReplaceLineEndings("\n"),
            text);
    }
}
