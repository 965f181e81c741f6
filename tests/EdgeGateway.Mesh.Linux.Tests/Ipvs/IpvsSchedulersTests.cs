using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Ipvs;

public class IpvsSchedulersTests
{
    [Fact]
    public void NameFor_RoundRobin_IsWeightedRoundRobin()
    {
        Assert.Equal("wrr", new IpvsSchedulers().NameFor(Scheduler.RoundRobin));
    }

    [Fact]
    public void NameFor_ConsistentHashAfterMaglevMissing_FallsBackToSourceHash()
    {
        var schedulers = new IpvsSchedulers();
        Assert.Equal("mh", schedulers.NameFor(Scheduler.ConsistentHash));

        var fallback = schedulers.FallbackFor("mh");

        Assert.Equal("sh", fallback);
        Assert.Equal("sh", schedulers.NameFor(Scheduler.ConsistentHash));
        Assert.Null(schedulers.FallbackFor("sh"));
        Assert.Null(schedulers.FallbackFor("wrr"));
    }

    [Theory]
    [InlineData("mh", Scheduler.ConsistentHash)]
    [InlineData("sh", Scheduler.ConsistentHash)]
    [InlineData("wrr", Scheduler.RoundRobin)]
    [InlineData("rr", Scheduler.RoundRobin)]
    public void FromName_KernelScheduler_MapsToPlanScheduler(string name, Scheduler expected)
    {
        Assert.Equal(expected, IpvsSchedulers.FromName(name));
    }
}
