using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.State;

/// <summary>
/// Drains running tasks on word of their node's agent alone (before swarm's task state says so), but never every
/// backend of a service: a service whose tasks would then all be draining keeps those tasks as they are. The kernel
/// refuses new connections to a frontend with no backend taking them, while a task only said to be leaving may still
/// serve for its drain delay; swarm's own state drains it once it knows.
/// </summary>
internal static class StoppingMarks
{
    public static ClusterState Apply(ClusterState state, Func<ClusterTask, bool> leaving)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(leaving);
        var marked = state.Tasks.Where(t => t.State == TaskState.Running && leaving(t)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        if (marked.Count == 0)
        {
            return state;
        }

        var kept = state.Tasks
            .GroupBy(t => t.Service, StringComparer.Ordinal)
            .Where(g => !g.Any(t => TakesConnections(t) && !marked.Contains(t.Id)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return state with
        {
            Tasks = [.. state.Tasks.Select(t => marked.Contains(t.Id) && !kept.Contains(t.Service) ? t with { State = TaskState.Stopping } : t)],
        };
    }

    private static bool TakesConnections(ClusterTask task) => TaskWeights.Of(task) is > 0;
}
