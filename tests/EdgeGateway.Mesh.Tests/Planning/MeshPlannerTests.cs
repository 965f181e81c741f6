using System.Net;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Planning;

public class MeshPlannerTests
{
    private static readonly IPAddress SandboxVeth = Ip("169.254.127.2");
    private readonly MeshPlanner _planner = new(new PlannerOptions());

    [Fact]
    public void Plan_SameStateTwice_GivesEqualPlans()
    {
        var first = _planner.Plan(ThreeNodes(), "n1");
        var second = _planner.Plan(ThreeNodes(), "n1");

        Assert.Equal(first, second);
        Assert.Equal(PlanPrinter.Print(first), PlanPrinter.Print(second));
    }

    [Fact]
    public void Plan_TasksListedInAnotherOrder_GivesEqualPlan()
    {
        var state = ThreeNodes();
        var shuffled = state with { Tasks = [.. state.Tasks.Reverse()], Nodes = [.. state.Nodes.Reverse()] };

        Assert.Equal(_planner.Plan(state, "n2"), _planner.Plan(shuffled, "n2"));
    }

    [Fact]
    public void Plan_PublishedPort_DnatsToSandboxAndBalancesToTasksOnEveryNode()
    {
        var plan = _planner.Plan(ThreeNodes(), "n1");

        Assert.Equal(
            [new PublishedPortDnat(L4Protocol.Tcp, 8080, SandboxVeth, 8080), new PublishedPortDnat(L4Protocol.Udp, 5353, SandboxVeth, 5353)],
            plan.Dnat);
        var web = plan.Balancers.Entries["tcp 169.254.127.2:8080"];
        Assert.Equal("web", web.Service);
        Assert.Equal([new Backend(Ip("10.255.0.21"), 80, 1), new Backend(Ip("10.255.0.22"), 80, 1)], web.Backends);
        var dns = plan.Balancers.Entries["udp 169.254.127.2:5353"];
        Assert.Equal([new Backend(Ip("10.255.0.31"), 53, 1)], dns.Backends);
    }

    [Fact]
    public void Plan_NodeWithoutLocalTasks_GetsEveryFrontendWithTheSameBackends()
    {
        var withTasks = _planner.Plan(ThreeNodes(), "n1");
        var withoutTasks = _planner.Plan(ThreeNodes(), "n3");

        Assert.Equal(withTasks.Balancers, withoutTasks.Balancers);
        Assert.Equal(withTasks.Dnat, withoutTasks.Dnat);
    }

    [Fact]
    public void Plan_VipService_HasOneFrontendPerNetworkVipWithThatNetworksAddresses()
    {
        var plan = _planner.Plan(ThreeNodes(), "n1");

        Assert.Equal([new Backend(Ip("10.0.1.21"), 80, 1), new Backend(Ip("10.0.1.22"), 80, 1)], plan.Balancers.Entries["tcp 10.0.1.10:80"].Backends);
        Assert.Equal([new Backend(Ip("10.255.0.21"), 80, 1), new Backend(Ip("10.255.0.22"), 80, 1)], plan.Balancers.Entries["tcp 10.255.0.10:80"].Backends);
        Assert.Equal(4, plan.Balancers.Entries.Count);
    }

    [Fact]
    public void Plan_DnsrrService_HasNoVipFrontend()
    {
        var plan = _planner.Plan(ThreeNodes(), "n1");

        var dns = Assert.Single(plan.Balancers.Entries.Values, e => e.Service == "dns");
        Assert.Equal(new Frontend(SandboxVeth, L4Protocol.Udp, 5353), dns.Frontend);
    }

    [Theory]
    [InlineData(TaskState.Stopping, TaskHealth.Healthy)]
    [InlineData(TaskState.Shutdown, TaskHealth.None)]
    [InlineData(TaskState.Running, TaskHealth.Unhealthy)]
    public void Plan_DrainingOrUnhealthyTask_KeepsWeightZero(TaskState taskState, TaskHealth health)
    {
        var state = ThreeNodes().WithTask("web.2", t => t with { State = taskState, Health = health });

        var plan = _planner.Plan(state, "n3");

        Assert.Equal([new Backend(Ip("10.255.0.21"), 80, 1), new Backend(Ip("10.255.0.22"), 80, 0)], plan.Balancers.Entries["tcp 169.254.127.2:8080"].Backends);
    }

    [Theory]
    [InlineData(TaskState.Pending, TaskHealth.None)]
    [InlineData(TaskState.Starting, TaskHealth.None)]
    [InlineData(TaskState.Running, TaskHealth.Starting)]
    [InlineData(TaskState.Complete, TaskHealth.None)]
    [InlineData(TaskState.Failed, TaskHealth.Unhealthy)]
    public void Plan_TaskNotReadyOrGone_IsNoBackend(TaskState taskState, TaskHealth health)
    {
        var state = ThreeNodes().WithTask("web.2", t => t with { State = taskState, Health = health });

        var plan = _planner.Plan(state, "n1");

        Assert.Equal([new Backend(Ip("10.255.0.21"), 80, 1)], plan.Balancers.Entries["tcp 169.254.127.2:8080"].Backends);
    }

    [Fact]
    public void Plan_ServiceWithoutTasks_StillHasItsFrontends()
    {
        var state = ThreeNodes().WithoutTask("dns.1");

        var plan = _planner.Plan(state, "n2");

        Assert.Empty(plan.Balancers.Entries["udp 169.254.127.2:5353"].Backends);
    }

    [Fact]
    public void Plan_Standalone_BuildsIngressNetworkPeeredWithEveryOtherNode()
    {
        var ingress = _planner.Plan(ThreeNodes(), "n2").Ingress!;

        Assert.Equal("edge-sbox-n2", ingress.SandboxNamespace);
        Assert.Equal(4096, ingress.Vni);
        Assert.Equal(Ip("192.168.77.12"), ingress.LocalUnderlay);
        Assert.Equal([Ip("192.168.77.11"), Ip("192.168.77.13")], ingress.PeerUnderlays);
        Assert.Equal(Ip("10.255.0.253"), ingress.SandboxAddress);
        Assert.Equal(Ip("169.254.127.1"), ingress.HostVethAddress);
        Assert.Equal(SandboxVeth, ingress.SandboxVethAddress);
        Assert.Equal(30, ingress.VethPrefixLength);
    }

    [Fact]
    public void Plan_DockerOwnsIngress_DnatsToTargetWithoutIngressNetwork()
    {
        var planner = new MeshPlanner(new PlannerOptions { StandaloneIngress = false, DnatTarget = Ip("172.18.0.2") });

        var plan = planner.Plan(ThreeNodes(), "n1");

        Assert.Null(plan.Ingress);
        Assert.Equal(new PublishedPortDnat(L4Protocol.Tcp, 8080, Ip("172.18.0.2"), 8080), plan.Dnat[0]);
        Assert.True(plan.Balancers.Entries.ContainsKey("tcp 172.18.0.2:8080"));
    }

    [Fact]
    public void Plan_UnknownNode_ThrowsNamingTheNode()
    {
        var error = Assert.Throws<PlanningException>(() => _planner.Plan(ThreeNodes(), "n9"));

        Assert.Equal("node 'n9' is not in the cluster state (known: n1, n2, n3)", error.Message);
    }
}
