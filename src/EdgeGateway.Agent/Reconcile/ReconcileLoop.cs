using System.Threading.Channels;
using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Metrics;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Planning;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Reconcile;

/// <summary>
/// Follows the state source: every new state is planned and synced. Bursts collapse to the newest state. A failed sync
/// is retried with backoff (and is full, see <see cref="Reconciler"/>); a state that gives no plan is reported and the
/// kernel keeps the last applied plan.
/// </summary>
internal sealed class ReconcileLoop(
    IClusterStateSource source,
    AgentPlanner planner,
    Reconciler reconciler,
    AgentMetrics metrics,
    TimeProvider time,
    ILogger<ReconcileLoop> logger) : IAgentLoop
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Ready once a plan is applied whole and no failed sync waits for its retry.</summary>
    public string? NotReadyBecause => reconciler.Applied is not null && !reconciler.FullSyncNeeded ? null : "not synced";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var states = Channel.CreateBounded<ClusterState>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(states.Writer, stop.Token);
        try
        {
            ClusterState? latest = null;
            TimeSpan? retryIn = null;
            while (true)
            {
                if (await NextAsync(states.Reader, retryIn, cancellationToken).ConfigureAwait(false) is { } next)
                {
                    latest = next;
                }

                if (latest is null)
                {
                    continue;
                }

                retryIn = await SyncAsync(latest, retryIn, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Syncs one state; returns the delay before a retry, or null when there is nothing to retry.</summary>
    private async Task<TimeSpan?> SyncAsync(ClusterState state, TimeSpan? previousRetry, CancellationToken cancellationToken)
    {
        try
        {
            await reconciler.SyncAsync(planner.Plan(state), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (PlanningException e)
        {
            Log.PlanFailed(logger, e.Message);
            metrics.StateRejected();
            return null;
        }
        catch (ReconcileException)
        {
            var delay = previousRetry is null ? FirstRetryDelay : TimeSpan.FromTicks(Math.Min(previousRetry.Value.Ticks * 2, MaxRetryDelay.Ticks));
            Log.RetryScheduled(logger, delay);
            return delay;
        }
    }

    /// <summary>Waits for a newer state, or for the retry delay; returns the newer state if one came.</summary>
    private async Task<ClusterState?> NextAsync(ChannelReader<ClusterState> states, TimeSpan? retryIn, CancellationToken cancellationToken)
    {
        if (retryIn is null)
        {
            return await states.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(retryIn.Value, time, wait.Token);
        var arrived = states.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(delay, arrived).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (arrived.IsCompletedSuccessfully && !arrived.Result)
        {
            await states.Completion.ConfigureAwait(false);
        }

        return states.TryRead(out var state) ? state : null;
    }

    private async Task PumpAsync(ChannelWriter<ClusterState> states, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var state in source.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                await states.WriteAsync(state, cancellationToken).ConfigureAwait(false);
            }

            states.TryComplete(new InvalidOperationException($"state source {source.Description} ended"));
        }
        catch (Exception e)
        {
            states.TryComplete(e);
        }
    }
}
