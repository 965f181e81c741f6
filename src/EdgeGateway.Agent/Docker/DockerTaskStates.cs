using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Docker's task states in the mesh's terms. A task still running but whose desired state is no longer "running"
/// has been told to stop: it is Stopping, so it drains at once (no new connections) instead of when it exits.
/// Swarm only reports a task with a health check as running once the check has passed.
/// </summary>
internal static class DockerTaskStates
{
    public static TaskState Of(string? state, string? desiredState) => state switch
    {
        "running" when desiredState is not "running" => TaskState.Stopping,
        "running" => TaskState.Running,
        "starting" => TaskState.Starting,
        "complete" => TaskState.Complete,
        "shutdown" => TaskState.Shutdown,
        "failed" or "rejected" or "orphaned" or "remove" => TaskState.Failed,
        _ => TaskState.Pending,
    };
}
