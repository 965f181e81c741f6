using System.Net;
using System.Runtime.CompilerServices;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Passes on every state of the inner source. A task that was a backend in one state (running or stopping) and
/// is not in the next (failed, shut down, complete, or no longer listed) has its addresses handed to the balancer,
/// which forgets the conntrack entries they answered in every namespace of this node once the applied plan no longer
/// chooses them. Whichever told first — this node's container events, another node's agent or swarm's task state —
/// every node forgets them: a SYN that reached a dead task before this node drained it would otherwise be
/// retransmitted to the same silent address until the client gives up.
/// </summary>
internal sealed class DeadTaskConnections(IClusterStateSource inner, DockerBalancer balancer) : IClusterStateSource
{
    public string Description => inner.Description;

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClusterState? previous = null;
        await foreach (var state in inner.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return state;
            if (previous is not null && Died(previous, state) is { Count: > 0 } dead)
            {
                await balancer.ForgetConnectionsAsync(dead, cancellationToken).ConfigureAwait(false);
            }

            previous = state;
        }
    }

    /// <summary>The addresses of the tasks running or stopping in <paramref name="before"/> and neither in <paramref name="after"/>.</summary>
    public static IReadOnlyCollection<IPAddress> Died(ClusterState before, ClusterState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var now = after.Tasks.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().State, StringComparer.Ordinal);
        return [.. before.Tasks
            .Where(t => Alive(t.State) && (!now.TryGetValue(t.Id, out var later) || !Alive(later)))
            .SelectMany(t => t.Addresses.Values)
            .Distinct()];
    }

    private static bool Alive(TaskState state) => state is TaskState.Running or TaskState.Stopping;
}
