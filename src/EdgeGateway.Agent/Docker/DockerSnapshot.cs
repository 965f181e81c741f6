using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>A network namespace Docker made for a container on this node, and the overlay subnets it is attached to.</summary>
internal sealed record LocalSandbox(string Path, ImmutableArray<IPNetwork> Subnets)
{
    public bool Equals(LocalSandbox? other) => other is not null && Path == other.Path && Subnets.SequenceEqual(other.Subnets);

    public override int GetHashCode() => HashCode.Combine(Path, Subnets.Length);
}

/// <summary>
/// What the agent reads from Docker in one pass: the cluster state for the planner, and this node's container
/// sandboxes (where VIPs are balanced, on the client side, as Docker itself does with IPVS).
/// </summary>
internal sealed record DockerSnapshot(ClusterState State, ImmutableArray<LocalSandbox> Sandboxes);
