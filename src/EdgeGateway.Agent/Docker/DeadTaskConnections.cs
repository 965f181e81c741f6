using System.Net;
using System.Runtime.CompilerServices;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Passes on every state of the inner source. A task that was a backend in one state (running or stopping) and
/// is not in the next (failed, shut down, complete, or no longer listed) has its addresses handed to
/// <paramref name="forget"/> (the balancer, which forgets the conntrack entries they answered in every namespace of this
/// node once the applied plan no longer chooses them). Whichever told first — this node's container events, another
/// node's agent or swarm's task state — every node forgets them: a SYN that reached a dead task before this node
/// drained it would otherwise be retransmitted to the same silent address until the client gives up.
/// Forgetting runs beside the stream, one batch after the other: it visits every namespace of the node and takes
/// about a second under load, and the next state (a second task killed at the same time, to drain) must not wait for it.
/// </summary>
internal sealed class DeadTaskConnections(IClusterStateSource inner, Func<IReadOnlyCollection<IPAddress>, CancellationToken, Task> forget) : IClusterStateSource
{
    public string Description => inner.Description;

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClusterState? previous = null;
        var forgetting = Task.CompletedTask;
        try
        {
            await foreach (var state in inner.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (forgetting.IsFaulted)
                {
                    await forgetting.ConfigureAwait(false);
                }

                yield return state;
                if (previous is not null && Died(previous, state) is { Count: > 0 } dead)
                {
                    forgetting = ForgetAfterAsync(forgetting, dead, cancellationToken);
                }

                previous = state;
            }
        }
        finally
        {
            await forgetting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

    private async Task ForgetAfterAsync(Task earlier, IReadOnlyCollection<IPAddress> dead, CancellationToken cancellationToken)
    {
        await earlier.ConfigureAwait(false);
        await forget(dead, cancellationToken).ConfigureAwait(false);
    }

    private static bool Alive(TaskState state) => state is TaskState.Running or TaskState.Stopping;
}
