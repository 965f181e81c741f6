using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Plan;

public class BalancerChangeTests
{
    private static readonly Frontend Web = new(Ip("10.255.0.10"), L4Protocol.Tcp, 80);

    [Fact]
    public void Members_BackendsAddedRemovedAndReweighted_AreToldApart()
    {
        var change = new BalancerChange(
            new BalancerEntry("web", Web, Scheduler.RoundRobin, [new Backend(Ip("10.255.0.21"), 80, 1), new Backend(Ip("10.255.0.22"), 80, 1)]),
            new BalancerEntry("web", Web, Scheduler.RoundRobin, [new Backend(Ip("10.255.0.22"), 80, 0), new Backend(Ip("10.255.0.23"), 80, 1)]));

        Assert.Equal([new Backend(Ip("10.255.0.23"), 80, 1)], change.Added);
        Assert.Equal([new Backend(Ip("10.255.0.21"), 80, 1)], change.Removed);
        Assert.Equal([(new Backend(Ip("10.255.0.22"), 80, 1), new Backend(Ip("10.255.0.22"), 80, 0))], change.Reweighted);
        Assert.Equal("~ balancer tcp 10.255.0.10:80 (web): +10.255.0.23:80 w=1, -10.255.0.21:80, 10.255.0.22:80 w=1->0", change.ToString());
    }

    [Fact]
    public void ToString_SchedulerChanged_SaysSo()
    {
        var change = new BalancerChange(
            new BalancerEntry("web", Web, Scheduler.RoundRobin, []),
            new BalancerEntry("web", Web, Scheduler.ConsistentHash, []));

        Assert.Equal("~ balancer tcp 10.255.0.10:80 (web): scheduler RoundRobin -> ConsistentHash", change.ToString());
    }
}
