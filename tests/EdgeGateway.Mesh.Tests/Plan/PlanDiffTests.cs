using System.Net;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Plan;

public class PlanDiffTests
{
    private readonly MeshPlanner _planner = new(new PlannerOptions());

    private PlanDiff Diff(ClusterState before, ClusterState after, string node = "n1") =>
        PlanDiff.Between(_planner.Plan(before, node), _planner.Plan(after, node));

    [Fact]
    public void Between_SameState_IsEmpty()
    {
        var diff = Diff(ThreeNodes(), ThreeNodes());

        Assert.True(diff.IsEmpty);
        Assert.Equal(0, diff.Count);
        Assert.Equal("no changes", diff.ToString());
    }

    [Fact]
    public void Between_NothingApplied_AddsEverything()
    {
        var plan = _planner.Plan(ThreeNodes(), "n1");

        var diff = PlanDiff.Between(null, plan);

        Assert.True(diff.IngressChanged);
        Assert.Equal(plan.Dnat, diff.DnatAdded);
        Assert.Equal(plan.Balancers.Entries.Values, diff.BalancersAdded);
        Assert.Equal(1 + 2 + 4, diff.Count);
    }

    [Fact]
    public void Between_TaskAdded_AddsOneBackendToEachOfItsServicesFrontends()
    {
        var after = ThreeNodes() with { Tasks = [.. ThreeNodes().Tasks, Task("web.3", "web", "n3", "10.255.0.23", "10.0.1.23")] };

        var diff = Diff(ThreeNodes(), after);

        Assert.False(diff.IngressChanged || diff.DnatChanged);
        Assert.Empty(diff.BalancersAdded);
        Assert.Empty(diff.BalancersRemoved);
        Assert.Equal(3, diff.BalancerChanges.Length);
        Assert.All(diff.BalancerChanges, c =>
        {
            Assert.Equal("web", c.After.Service);
            Assert.Single(c.Added);
            Assert.Empty(c.Removed);
            Assert.Empty(c.Reweighted);
        });
        Assert.Contains("~ balancer tcp 169.254.127.2:8080 (web): +10.255.0.23:80 w=1", diff.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Between_TaskDraining_OnlyReweightsItsBackends()
    {
        var after = ThreeNodes().WithTask("web.1", t => t with { State = TaskState.Stopping });

        var diff = Diff(ThreeNodes(), after);

        Assert.Equal(3, diff.Count);
        Assert.All(diff.BalancerChanges, c =>
        {
            var (before, now) = Assert.Single(c.Reweighted);
            Assert.Equal((1, 0), (before.Weight, now.Weight));
            Assert.Empty(c.Added);
            Assert.Empty(c.Removed);
        });
        Assert.Contains("10.255.0.21:80 w=1->0", diff.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Between_DrainingTaskGone_OnlyRemovesItsBackends()
    {
        var draining = ThreeNodes().WithTask("web.1", t => t with { State = TaskState.Shutdown });

        var diff = Diff(draining, draining.WithoutTask("web.1"));

        Assert.Equal(3, diff.Count);
        Assert.All(diff.BalancerChanges, c =>
        {
            var removed = Assert.Single(c.Removed);
            Assert.Equal(0, removed.Weight);
            Assert.Empty(c.Added);
        });
    }

    [Fact]
    public void Between_TaskOfOtherServiceChanges_LeavesWebUntouched()
    {
        var after = ThreeNodes().WithTask("dns.1", t => t with { Health = TaskHealth.Unhealthy });

        var diff = Diff(ThreeNodes(), after);

        var change = Assert.Single(diff.BalancerChanges);
        Assert.Equal("dns", change.After.Service);
    }

    [Fact]
    public void Between_ServiceAdded_AddsItsFrontendsAndDnat()
    {
        var before = ThreeNodes();
        var after = before with
        {
            Services = [.. before.Services, new ClusterService("api", EndpointMode.Vip, Vips(("app", "10.0.1.11")), [new ServicePort(L4Protocol.Tcp, 9000, 9090)])],
        };

        var diff = Diff(before, after);

        Assert.Equal([new PublishedPortDnat(L4Protocol.Tcp, 9090, Ip("169.254.127.2"), 9090)], diff.DnatAdded);
        Assert.Equal(["tcp 10.0.1.11:9000", "tcp 169.254.127.2:9090"], diff.BalancersAdded.Select(e => e.Frontend.ToString()));
        Assert.Equal(3, diff.Count);
    }

    [Fact]
    public void Between_ServiceRemoved_RemovesItsFrontendsDnatAndNothingElse()
    {
        var before = ThreeNodes();
        var after = before.WithoutTask("dns.1") with { Services = [.. before.Services.Where(s => s.Name != "dns")] };

        var diff = Diff(before, after);

        Assert.Equal([new PublishedPortDnat(L4Protocol.Udp, 5353, Ip("169.254.127.2"), 5353)], diff.DnatRemoved);
        Assert.Equal(["udp 169.254.127.2:5353"], diff.BalancersRemoved.Select(e => e.Frontend.ToString()));
        Assert.Equal(2, diff.Count);
        Assert.Equal("- dnat udp :5353 -> 169.254.127.2:5353\n- balancer udp 169.254.127.2:5353 (dns)", diff.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Between_NodeJoins_ChangesOnlyTheIngressPeers()
    {
        var before = ThreeNodes();
        var after = before with { Nodes = [.. before.Nodes, Node("n4", "192.168.77.14") with { IngressAddress = IPAddress.Parse("10.255.0.200") }] };

        var diff = Diff(before, after);

        Assert.Equal(1, diff.Count);
        Assert.Equal([Ip("192.168.77.12"), Ip("192.168.77.13"), Ip("192.168.77.14")], diff.IngressAfter!.PeerUnderlays);
        Assert.Equal(diff.IngressBefore! with { PeerUnderlays = diff.IngressAfter.PeerUnderlays }, diff.IngressAfter);
    }
}
