using System.Collections.Concurrent;
using Message = Docker.DotNet.Models.Message;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Swarm tasks whose container Docker reports going away (killed with SIGKILL or SIGTERM, stopped, or exited) before
/// swarm's task state says so: swarm updates a task's state only after its agent reported the exit, and no event
/// follows that update. Until then such a task still reads as running; these tasks drain at once instead (weight 0,
/// established connections keep working through conntrack), so no new connection goes to a dead or dying container.
/// A task whose container is dead (SIGKILL, exited) reads as failed instead: its connections are dead too, and what
/// conntrack still holds of them must go (<see cref="DeadTaskConnections"/>). A task only asked to stop (SIGTERM) is
/// not dead: its established connections keep working until it exits.
/// </summary>
internal sealed class DockerLeavingTasks
{
    /// <summary>The label swarm puts on every task container; event attributes carry the container's labels.</summary>
    public const string TaskIdLabel = "com.docker.swarm.task.id";

    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dead = new(StringComparer.Ordinal);

    /// <summary>Records the task if the event says its container is going away or died; true when that is news.</summary>
    public bool Record(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != "container" || message.Actor?.Attributes is not { } attributes || !Leaves(message.Action, attributes)
            || !attributes.TryGetValue(TaskIdLabel, out var task) || string.IsNullOrEmpty(task))
        {
            return false;
        }

        var leaves = _ids.TryAdd(task, 0);
        var died = Dead(message.Action, attributes) && _dead.TryAdd(task, 0);
        return leaves || died;
    }

    /// <summary>
    /// The state with every recorded task that swarm still reads as running (or stopping) marked as failed when its
    /// container died, else as stopping.
    /// </summary>
    public ClusterState Apply(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return _ids.IsEmpty ? state : state with { Tasks = [.. state.Tasks.Select(Leaving)] };
    }

    private ClusterTask Leaving(ClusterTask task) => task.State switch
    {
        TaskState.Running or TaskState.Stopping when _dead.ContainsKey(task.Id) => task with { State = TaskState.Failed },
        TaskState.Running when _ids.ContainsKey(task.Id) => task with { State = TaskState.Stopping },
        _ => task,
    };

    /// <summary>
    /// Forgets the tasks a fresh read shows neither running nor stopping: swarm's own state has caught up. A task swarm
    /// reads as stopping (told to stop, its exit not reported yet) keeps its mark: forgetting that its container died
    /// would bring it back as a draining backend until swarm reads it gone.
    /// </summary>
    public void Prune(ClusterState fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        foreach (var id in _ids.Keys.Where(id => !fresh.Tasks.Any(t => t.Id == id && t.State is TaskState.Running or TaskState.Stopping)))
        {
            _ids.TryRemove(id, out _);
            _dead.TryRemove(id, out _);
        }
    }

    /// <summary>A container exits, or is sent the signal that ends it (SIGKILL) or asks it to stop (SIGTERM, as `docker stop` does).</summary>
    private static bool Leaves(string? action, IDictionary<string, string> attributes) => action switch
    {
        "die" or "stop" or "oom" => true,
        "kill" => attributes.TryGetValue("signal", out var signal) && signal is "9" or "15",
        _ => false,
    };

    /// <summary>The container's processes are gone: it exited, or got the signal no process survives (an OOM kill may spare the main process).</summary>
    private static bool Dead(string? action, IDictionary<string, string> attributes) => action switch
    {
        "die" or "stop" => true,
        "kill" => attributes.TryGetValue("signal", out var signal) && signal is "9",
        _ => false,
    };
}
