using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.State;

/// <summary>
/// Where the agent learns the cluster state (a JSON state file, or Docker). Yields the current state as soon as it is
/// known and then every changed state; an invalid update is reported by the source and skipped, so the consumer keeps
/// the last good state.
/// </summary>
public interface IClusterStateSource
{
    /// <summary>Short name for logs and status, e.g. "file /etc/edge/mesh-state.json".</summary>
    string Description { get; }

    IAsyncEnumerable<ClusterState> WatchAsync(CancellationToken cancellationToken);
}
