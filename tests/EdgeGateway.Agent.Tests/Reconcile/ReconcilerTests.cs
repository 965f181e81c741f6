using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.Tests.Fakes;
using EdgeGateway.Mesh.Model;
using static EdgeGateway.Agent.Tests.TestCluster;

namespace EdgeGateway.Agent.Tests.Reconcile;

public class ReconcilerTests
{
    private readonly FakeMesh _mesh = new();

    [Fact]
    public async Task SyncAsync_FirstSync_IsFullAndBuildsEverything()
    {
        var plan = Plan(WebTask(1), WebTask(2));

        var result = await _mesh.Reconciler.SyncAsync(plan, CancellationToken.None);

        Assert.True(result.Full);
        Assert.Equal(plan.Ingress, _mesh.Ingress.Kernel);
        Assert.Equal(plan.Balancers, _mesh.Balancer.Kernel);
        Assert.Equal(plan.Dnat, _mesh.Dnat.Kernel);
        // 2 frontends with 2 backends each, 1 DNAT rule.
        Assert.Equal(2 * 3 + 1, result.Operations);
        Assert.Equal(plan, _mesh.Reconciler.Applied);
        Assert.False(_mesh.Reconciler.FullSyncNeeded);
    }

    [Fact]
    public async Task SyncAsync_SamePlanAgain_TouchesNothing()
    {
        await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2)), CancellationToken.None);

        var result = await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2)), CancellationToken.None);

        Assert.False(result.Full);
        Assert.True(result.Diff.IsEmpty);
        Assert.Equal(0, result.Operations);
        Assert.Single(_mesh.Balancer.AppliedOperations);
        Assert.Single(_mesh.Dnat.AppliedOperations);
        Assert.Equal(1, _mesh.Ingress.Ensures);
    }

    [Fact]
    public async Task SyncAsync_TaskDraining_EmitsOnlyItsReweights()
    {
        await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2)), CancellationToken.None);

        var result = await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2, TaskState.Stopping)), CancellationToken.None);

        Assert.False(result.Full);
        Assert.Equal(2, result.Operations);
        Assert.All(_mesh.Balancer.Kernel.Entries.Values, e => Assert.Equal([1, 0], e.Backends.Select(b => b.Weight)));
        Assert.Single(_mesh.Dnat.AppliedOperations);
        Assert.Equal(1, _mesh.Ingress.Ensures);
    }

    [Fact]
    public async Task SyncAsync_KernelHoldsPlanOfEarlierRun_AdoptsItWithoutChanges()
    {
        var plan = Plan(WebTask(1), WebTask(2));
        _mesh.Balancer.Kernel = plan.Balancers;
        _mesh.Dnat.Kernel = plan.Dnat;

        var result = await _mesh.Reconciler.SyncAsync(plan, CancellationToken.None);

        Assert.True(result.Full);
        Assert.Equal(0, result.Operations);
        Assert.Equal(1, _mesh.Balancer.Adoptions);
        Assert.Equal(plan.Balancers, _mesh.Balancer.Kernel);
    }

    [Fact]
    public async Task SyncAsync_KernelHoldsOlderPlan_AppliesOnlyTheDifference()
    {
        _mesh.Balancer.Kernel = Plan(WebTask(1), WebTask(2)).Balancers;
        _mesh.Dnat.Kernel = Plan(WebTask(1), WebTask(2)).Dnat;

        var result = await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2), WebTask(3)), CancellationToken.None);

        Assert.True(result.Full);
        Assert.Equal(2, result.Operations);
    }

    [Fact]
    public async Task SyncAsync_BalancerFailsMidChange_KeepsPreviousStateAndNextSyncIsFull()
    {
        var before = Plan(WebTask(1), WebTask(2));
        var after = Plan(WebTask(1), WebTask(2), WebTask(3));
        await _mesh.Reconciler.SyncAsync(before, CancellationToken.None);
        _mesh.Balancer.Failures.FailOnce();

        var error = await Assert.ThrowsAsync<ReconcileException>(() => _mesh.Reconciler.SyncAsync(after, CancellationToken.None));

        Assert.Equal("balancer", error.Component);
        Assert.Equal(before.Balancers, _mesh.Balancer.Kernel);
        Assert.Equal(before, _mesh.Reconciler.Applied);
        Assert.True(_mesh.Reconciler.FullSyncNeeded);

        var retry = await _mesh.Reconciler.SyncAsync(after, CancellationToken.None);

        Assert.True(retry.Full);
        Assert.Equal(2, _mesh.Balancer.Adoptions);
        Assert.Equal(2, retry.Operations);
        Assert.Equal(after.Balancers, _mesh.Balancer.Kernel);
        Assert.False(_mesh.Reconciler.FullSyncNeeded);
    }

    [Fact]
    public async Task SyncAsync_DnatFails_BalancerKeepsNewPlanAndRetryConverges()
    {
        var before = Plan(WebTask(1));
        await _mesh.Reconciler.SyncAsync(before, CancellationToken.None);
        var after = before with { Dnat = [] };
        _mesh.Dnat.Failures.FailOnce();

        var error = await Assert.ThrowsAsync<ReconcileException>(() => _mesh.Reconciler.SyncAsync(after, CancellationToken.None));

        Assert.Equal("dnat", error.Component);
        Assert.Equal(before.Dnat, _mesh.Dnat.Kernel);
        Assert.Equal(before, _mesh.Reconciler.Applied);

        var retry = await _mesh.Reconciler.SyncAsync(after, CancellationToken.None);

        Assert.True(retry.Full);
        Assert.Empty(_mesh.Dnat.Kernel);
        Assert.Equal(after, _mesh.Reconciler.Applied);
    }

    [Fact]
    public async Task SyncAsync_IngressFails_TouchesNothingElse()
    {
        _mesh.Ingress.Failures.FailOnce();

        var error = await Assert.ThrowsAsync<ReconcileException>(() => _mesh.Reconciler.SyncAsync(Plan(WebTask(1)), CancellationToken.None));

        Assert.Equal("ingress", error.Component);
        Assert.Empty(_mesh.Balancer.Kernel.Entries);
        Assert.Empty(_mesh.Dnat.Kernel);
        Assert.Null(_mesh.Reconciler.Applied);
    }

    [Fact]
    public async Task SyncAsync_NodeJoins_OnlyIngressIsEnsuredAgain()
    {
        var state = ClusterWith(WebTask(1));
        await _mesh.Reconciler.SyncAsync(new AgentPlanner(Options).Plan(state), CancellationToken.None);
        var joined = state with { Nodes = [.. state.Nodes, new ClusterNode("n3", System.Net.IPAddress.Parse("192.168.77.13"))] };

        var result = await _mesh.Reconciler.SyncAsync(new AgentPlanner(Options).Plan(joined), CancellationToken.None);

        Assert.Equal(2, _mesh.Ingress.Ensures);
        Assert.Equal(3, _mesh.Ingress.Kernel!.PeerUnderlays.Length + 1);
        Assert.Equal(0, result.Operations);
        Assert.Single(_mesh.Balancer.AppliedOperations);
    }

    [Fact]
    public async Task SyncAsync_AfterSuccessAndFailure_MetricsTellBoth()
    {
        await _mesh.Reconciler.SyncAsync(Plan(WebTask(1), WebTask(2, TaskState.Stopping)), CancellationToken.None);
        _mesh.Balancer.Failures.FailOnce();
        await Assert.ThrowsAsync<ReconcileException>(() => _mesh.Reconciler.SyncAsync(Plan(WebTask(1)), CancellationToken.None));

        var text = await _mesh.MetricsTextAsync();

        Assert.Contains("edge_agent_service_backends{service=\"web\",state=\"active\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_service_backends{service=\"web\",state=\"draining\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_reconciles_total{result=\"ok\",kind=\"full\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_reconciles_total{result=\"error\",kind=\"any\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_kernel_operations_failed_total{component=\"balancer\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_last_reconcile_success 0", text, StringComparison.Ordinal);
        Assert.Contains("edge_agent_reconcile_duration_seconds_count 2", text, StringComparison.Ordinal);
    }
}
