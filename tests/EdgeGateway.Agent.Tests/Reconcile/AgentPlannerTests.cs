using System.Net;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Agent.Tests.TestCluster;

namespace EdgeGateway.Agent.Tests.Reconcile;

public class AgentPlannerTests
{
    [Fact]
    public void Plan_UnderlayGuardMatches_GivesPlanForTheNode()
    {
        var planner = new AgentPlanner(Options with { UnderlayAddress = IPAddress.Parse("192.168.77.11"), VxlanPort = 8472 });

        var plan = planner.Plan(ClusterWith(WebTask(1)));

        Assert.Equal("n1", plan.Node);
        Assert.Equal(8472, plan.Ingress!.VxlanPort);
    }

    [Fact]
    public void Plan_UnderlayGuardDiffers_ThrowsNamingBothAddresses()
    {
        var planner = new AgentPlanner(Options with { UnderlayAddress = IPAddress.Parse("192.168.77.99") });

        var error = Assert.Throws<PlanningException>(() => planner.Plan(ClusterWith(WebTask(1))));

        Assert.Equal("node 'n1' has address 192.168.77.11 in the cluster state, but this agent's underlayAddress is 192.168.77.99", error.Message);
    }

    [Fact]
    public void NamesOnlyIngress_CarriesTheNamesOfThePlannedIngress()
    {
        var planner = new AgentPlanner(Options);
        var planned = planner.Plan(ClusterWith(WebTask(1))).Ingress!;

        var names = planner.NamesOnlyIngress();

        Assert.Equal((planned.SandboxNamespace, planned.BridgeName, planned.VxlanName, planned.HostVethName), (names.SandboxNamespace, names.BridgeName, names.VxlanName, names.HostVethName));
    }
}
