using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.Tests.Fakes;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging.Abstractions;
using static EdgeGateway.Agent.Tests.TestCluster;

namespace EdgeGateway.Agent.Tests.Reconcile;

public sealed class ReconcileLoopTests : IAsyncDisposable
{
    private readonly FakeMesh _mesh = new();
    private readonly ChannelStateSource _source = new();
    // Outlives every wait for convergence, so that those fail with their own message first.
    private readonly CancellationTokenSource _stop = new(Eventually.DefaultDeadline * 2);
    private readonly Task _loop;

    public ReconcileLoopTests()
    {
        var loop = new ReconcileLoop(_source, new AgentPlanner(Options), _mesh.Reconciler, _mesh.Metrics, _mesh.Time, NullLogger<ReconcileLoop>.Instance);
        _loop = loop.RunAsync(_stop.Token);
    }

    [Fact]
    public async Task RunAsync_EachNewState_IsSynced()
    {
        _source.Push(ClusterWith(WebTask(1)));
        await UntilAsync("the plan of task 1 applied", () => _mesh.Balancer.Kernel.Equals(Plan(WebTask(1)).Balancers));

        _source.Push(ClusterWith(WebTask(1), WebTask(2)));
        await UntilAsync("the plan of tasks 1 and 2 applied", () => _mesh.Balancer.Kernel.Equals(Plan(WebTask(1), WebTask(2)).Balancers));

        // First: two frontends with one backend each; then one backend more on each.
        Assert.Equal([2 * (1 + 1), 2], _mesh.Balancer.AppliedOperations);
    }

    [Fact]
    public async Task RunAsync_SyncFails_RetriesAfterDelayWithFullSync()
    {
        _mesh.Balancer.Failures.FailOnce();
        _source.Push(ClusterWith(WebTask(1)));
        await UntilAsync("the failed sync to ask for a full one", () => _mesh.Reconciler.FullSyncNeeded && _mesh.Balancer.Adoptions == 1);
        Assert.Empty(_mesh.Balancer.Kernel.Entries);

        await UntilAsync("the retry to apply the plan", () =>
        {
            _mesh.Time.Advance(ReconcileLoop.FirstRetryDelay);
            return _mesh.Reconciler.Applied is not null;
        });

        Assert.Equal(Plan(WebTask(1)).Balancers, _mesh.Balancer.Kernel);
        Assert.Equal(2, _mesh.Balancer.Adoptions);
    }

    [Fact]
    public async Task RunAsync_StateWithoutThisNode_KeepsTheAppliedPlan()
    {
        _source.Push(ClusterWith(WebTask(1)));
        await UntilAsync("a plan applied", () => _mesh.Reconciler.Applied is not null);
        var applied = _mesh.Reconciler.Applied;

        var orphan = ClusterWith(WebTask(1), WebTask(3));
        _source.Push(orphan with { Nodes = [.. orphan.Nodes.Where(n => n.Name != "n1")] });
        await UntilAsync("the state without this node rejected", async () => (await _mesh.MetricsTextAsync()).Contains("edge_agent_state_rejected_total 1", StringComparison.Ordinal));

        Assert.Equal(applied, _mesh.Reconciler.Applied);
        Assert.Equal(applied!.Balancers, _mesh.Balancer.Kernel);

        _source.Push(ClusterWith(WebTask(1), WebTask(3)));
        await UntilAsync("the plan of tasks 1 and 3 applied", () => _mesh.Balancer.Kernel.Equals(Plan(WebTask(1), WebTask(3)).Balancers));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _loop);
        _stop.Dispose();
    }

    private Task<TimeSpan> UntilAsync(string what, Func<bool> condition) => UntilAsync(what, () => Task.FromResult(condition()));

    /// <summary>Polls until the condition holds; fails at once if the loop stopped.</summary>
    private Task<TimeSpan> UntilAsync(string what, Func<Task<bool>> condition) =>
        Eventually.HoldsAsync(what, async () =>
        {
            Assert.False(_loop.IsCompleted, $"the loop stopped: {_loop.Exception}");
            return await condition();
        });
}
