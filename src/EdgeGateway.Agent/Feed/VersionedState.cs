using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Feed;

/// <summary>A cluster state read from another agent, with the version it was served under.</summary>
internal sealed record VersionedState(string Version, ClusterState State);
