using System.Collections.Concurrent;
using System.Collections.Immutable;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// What the other nodes' agents say about their own tasks, followed by a manager's agent. Each node's agent publishes
/// the tasks it sees leaving on its node as Stopping (a container killed or stopping, or its dockerd gone) long before
/// swarm's task state says so; this long polls every other node's <c>/v1/cluster-state</c> (its underlay address, the
/// admin port every node uses) and keeps, per node, the Stopping tasks on that node. Only a node's word about its own
/// tasks counts. A node whose agent cannot be read keeps its last report (a node going down cannot speak for long)
/// and is read again with backoff. A report is forgotten once the manager's own read no longer shows the task running.
/// </summary>
internal sealed class NodeTaskReports(ClusterStateClient client, string ownNode, int adminPort, Action changed, TimeProvider time, ILogger logger)
    : IAsyncDisposable
{
    public static readonly TimeSpan FirstRetryDelay = ManagerStateFollower.FirstRetryDelay;
    public static readonly TimeSpan MaxRetryDelay = ManagerStateFollower.MaxRetryDelay;

    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _leaving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Follower> _followers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Follows the agent of every other node in <paramref name="state"/> (a fresh read), stops following nodes gone, forgets reports it made stale.</summary>
    public void Track(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var agents = state.Nodes.Where(n => n.Name != ownNode)
            .ToDictionary(n => n.Name, n => new UriBuilder(Uri.UriSchemeHttp, n.Underlay.ToString(), adminPort).Uri, StringComparer.Ordinal);
        foreach (var (node, follower) in _followers.Where(f => !agents.TryGetValue(f.Key, out var agent) || agent != f.Value.Agent).ToList())
        {
            follower.Stop.Cancel();
            follower.Stop.Dispose();
            _followers.Remove(node);
            _leaving.TryRemove(node, out _);
        }

        foreach (var (node, agent) in agents.Where(a => !_followers.ContainsKey(a.Key)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _followers[node] = new Follower(agent, stop, FollowAsync(node, agent, stop.Token));
        }

        var running = state.Tasks.Where(t => t.State == TaskState.Running).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (node, ids) in _leaving)
        {
            var kept = ids.Intersect(running);
            if (kept.Count != ids.Count)
            {
                _leaving.TryUpdate(node, kept, ids);
            }
        }
    }

    /// <summary>The state with every running task its own node reports leaving drained (see <see cref="StoppingMarks"/>).</summary>
    public ClusterState Apply(ClusterState state) =>
        _leaving.IsEmpty ? state : StoppingMarks.Apply(state, t => _leaving.TryGetValue(t.Node, out var ids) && ids.Contains(t.Id));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_followers.Values.Select(f => f.Run)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var follower in _followers.Values)
        {
            follower.Stop.Dispose();
        }

        _stop.Dispose();
    }

    private async Task FollowAsync(string node, Uri agent, CancellationToken cancellationToken)
    {
        await Task.Yield();
        string? version = null;
        var retry = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            VersionedState? fresh;
            try
            {
                fresh = await client.GetAsync(agent, version, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or ClusterStateFeedException or StateFileException or TaskCanceledException)
            {
                if (retry == TimeSpan.Zero)
                {
                    Log.NodeAgentUnreadable(logger, node, agent, e.Message);
                }

                retry = retry == TimeSpan.Zero ? FirstRetryDelay : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
                version = null;
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (retry != TimeSpan.Zero || version is null)
            {
                Log.NodeAgentFollowed(logger, node, agent);
            }

            retry = TimeSpan.Zero;
            if (fresh is null)
            {
                continue;
            }

            version = fresh.Version;
            Report(node, [.. fresh.State.Tasks.Where(t => t.Node == node && t.State is TaskState.Stopping or TaskState.Failed).Select(t => t.Id)]);
        }
    }

    private void Report(string node, ImmutableHashSet<string> leaving)
    {
        var before = _leaving.TryGetValue(node, out var ids) ? ids : [];
        if (before.SetEquals(leaving))
        {
            return;
        }

        _leaving[node] = leaving;
        Log.NodeReportedLeaving(logger, node, leaving.Count);
        changed();
    }

    private sealed record Follower(Uri Agent, CancellationTokenSource Stop, Task Run);
}
