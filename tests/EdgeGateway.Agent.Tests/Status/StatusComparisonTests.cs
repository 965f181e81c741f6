using EdgeGateway.Agent.Status;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Model;
using static EdgeGateway.Agent.Tests.TestCluster;

namespace EdgeGateway.Agent.Tests.Status;

public class StatusComparisonTests
{
    [Fact]
    public void Compare_KernelHoldsPlan_Matches()
    {
        var plan = Plan(WebTask(1), WebTask(2)).Balancers;

        Assert.Equal("Kernel matches the plan.", StatusComparison.Compare(plan, StatusOf(plan)));
    }

    [Fact]
    public void Compare_KernelLags_ListsMissingAndUnexpectedBackends()
    {
        var kernel = Plan(WebTask(1), WebTask(2, TaskState.Stopping)).Balancers;
        var plan = Plan(WebTask(2), WebTask(3)).Balancers;

        Assert.Equal(
            """
            Kernel differs from the plan:
              missing    tcp 10.255.0.10:80 -> 10.255.0.22:80 w=1
              missing    tcp 10.255.0.10:80 -> 10.255.0.23:80 w=1
              missing    tcp 169.254.127.2:8080 -> 10.255.0.22:80 w=1
              missing    tcp 169.254.127.2:8080 -> 10.255.0.23:80 w=1
              unexpected tcp 10.255.0.10:80 -> 10.255.0.21:80 w=1
              unexpected tcp 169.254.127.2:8080 -> 10.255.0.21:80 w=1
            """.ReplaceLineEndings("\n"),
            StatusComparison.Compare(plan, StatusOf(kernel)));
    }

    [Fact]
    public void Compare_DrainingBackendAbsentFromKernel_Matches()
    {
        var plan = Plan(WebTask(1), WebTask(2, TaskState.Stopping)).Balancers;

        Assert.Equal("Kernel matches the plan.", StatusComparison.Compare(plan, StatusOf(Plan(WebTask(1)).Balancers)));
    }

    private static BalancerStatus StatusOf(Mesh.Plan.BalancerPlan plan) =>
        new("fake", [.. plan.Entries.Values.Select(e => new FrontendStatus(e.Frontend, "rr", [.. e.Backends.Select(b => new BackendStatus(b, null))]))]);
}
