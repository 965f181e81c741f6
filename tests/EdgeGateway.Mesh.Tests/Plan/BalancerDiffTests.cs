using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Plan;

public class BalancerDiffTests
{
    private readonly MeshPlanner _planner = new(new PlannerOptions());

    [Fact]
    public void Between_EqualPlansPlannedApart_IsEmpty()
    {
        // two plannings of the same state share no instance: equality must come from the values
        var diff = BalancerDiff.Between(Balancers(ThreeNodes()), Balancers(ThreeNodes()));

        Assert.True(diff.IsEmpty);
        Assert.Same(BalancerDiff.Empty, diff);
    }

    [Fact]
    public void Between_SamePlanInstance_IsEmpty()
    {
        var plan = Balancers(ThreeNodes());

        Assert.True(BalancerDiff.Between(plan, plan).IsEmpty);
    }

    [Fact]
    public void Between_TaskAdded_ChangesOnlyItsServicesEntries()
    {
        var after = ThreeNodes() with { Tasks = [.. ThreeNodes().Tasks, Task("web.3", "web", "n3", "10.255.0.23", "10.0.1.23")] };

        var diff = BalancerDiff.Between(Balancers(ThreeNodes()), Balancers(after));

        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal(3, diff.Count);
        Assert.All(diff.Changed, c =>
        {
            Assert.Equal("web", c.After.Service);
            Assert.Single(c.Added);
            Assert.Empty(c.Removed);
        });
    }

    [Fact]
    public void Between_TaskRemoved_ChangesOnlyItsServicesEntries()
    {
        var diff = BalancerDiff.Between(Balancers(ThreeNodes()), Balancers(ThreeNodes().WithoutTask("dns.1")));

        var change = Assert.Single(diff.Changed);
        Assert.Equal("dns", change.After.Service);
        Assert.Equal(Ip("10.255.0.31"), Assert.Single(change.Removed).Address);
        Assert.Empty(change.After.Backends);
    }

    [Fact]
    public void Between_ServiceAddedAndRemoved_EntriesAddedAndRemovedInFrontendOrder()
    {
        var before = ThreeNodes();
        var after = before.WithoutTask("dns.1") with
        {
            Services =
            [
                .. before.Services.Where(s => s.Name != "dns"),
                new ClusterService("api", EndpointMode.Vip, Vips(("app", "10.0.1.11")), [new ServicePort(L4Protocol.Tcp, 9000, 9090)]),
            ],
        };

        var diff = BalancerDiff.Between(Balancers(before), Balancers(after));

        Assert.Equal(["tcp 10.0.1.11:9000", "tcp 169.254.127.2:9090"], diff.Added.Select(e => e.Frontend.ToString()));
        Assert.Equal(["udp 169.254.127.2:5353"], diff.Removed.Select(e => e.Frontend.ToString()));
        Assert.Empty(diff.Changed);
    }

    [Fact]
    public void Between_FromEmpty_AddsEveryEntry()
    {
        var plan = Balancers(ThreeNodes());

        var diff = BalancerDiff.Between(BalancerPlan.Empty, plan);

        Assert.Equal(plan.Entries.Values, diff.Added);
        Assert.Equal(plan.Entries.Count, diff.Count);
    }

    private BalancerPlan Balancers(ClusterState state) => _planner.Plan(state, "n1").Balancers;
}
