using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Plan;

public class PlanPrinterTests
{
    [Fact]
    public void Print_NodePlan_ListsIngressDnatAndBalancers()
    {
        var state = ThreeNodes().WithoutTask("dns.1");
        state = state with { Services = [state.Services[0]] };

        var text = PlanPrinter.Print(new MeshPlanner(new PlannerOptions()).Plan(state, "n3"));

        Assert.Equal(
            """
            node n3
            ingress: namespace edge-sbox-n3, bridge eg-br0 10.255.0.252/24 on 10.255.0.0/24, vxlan eg-vxlan0 vni 4096 port 4789 local 192.168.77.13 peers [192.168.77.11, 192.168.77.12], veth eg-ingress0 169.254.127.1/30 <-> sandbox 169.254.127.2/30
            dnat (1):
              tcp :8080 -> 169.254.127.2:8080
            balancers (3):
              tcp 10.0.1.10:80 rr (web)
                -> 10.0.1.21:80 w=1
                -> 10.0.1.22:80 w=1
              tcp 10.255.0.10:80 rr (web)
                -> 10.255.0.21:80 w=1
                -> 10.255.0.22:80 w=1
              tcp 169.254.127.2:8080 rr (web)
                -> 10.255.0.21:80 w=1
                -> 10.255.0.22:80 w=1

            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(Scheduler.RoundRobin, "rr")]
    [InlineData(Scheduler.ConsistentHash, "mh")]
    public void SchedulerName_IsIpvsadmShortName(Scheduler scheduler, string expected) =>
        Assert.Equal(expected, PlanPrinter.SchedulerName(scheduler));
}
