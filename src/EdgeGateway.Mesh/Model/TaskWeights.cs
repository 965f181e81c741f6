namespace EdgeGateway.Mesh.Model;

/// <summary>What a task's state and health mean for the balancer.</summary>
public static class TaskWeights
{
    /// <summary>Weight of a task that takes new connections.</summary>
    public const int Active = 1;

    /// <summary>Weight of a draining or unhealthy task: established connections keep working, no new ones.</summary>
    public const int Draining = 0;

    /// <summary>The task's backend weight, or null when it must not be a backend at all (not yet ready, or gone).</summary>
    public static int? Of(ClusterTask task) => task.State switch
    {
        TaskState.Running => task.Health switch
        {
            TaskHealth.None or TaskHealth.Healthy => Active,
            TaskHealth.Unhealthy => Draining,
            // Joining: a task with a health check gets traffic only once it has passed it.
            _ => null,
        },
        TaskState.Stopping or TaskState.Shutdown => Draining,
        _ => null,
    };
}
