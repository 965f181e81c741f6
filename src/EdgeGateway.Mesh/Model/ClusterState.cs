using System.Collections.Immutable;

namespace EdgeGateway.Mesh.Model;

/// <summary>Everything the mesh needs to know about the cluster, from a state file or from Docker.</summary>
public sealed record ClusterState(
    ImmutableArray<ClusterNode> Nodes,
    ImmutableArray<OverlayNetwork> Networks,
    ImmutableArray<ClusterService> Services,
    ImmutableArray<ClusterTask> Tasks)
{
    public OverlayNetwork? IngressNetwork => Networks.FirstOrDefault(n => n.Ingress);
}
