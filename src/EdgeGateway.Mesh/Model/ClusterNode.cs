using System.Net;

namespace EdgeGateway.Mesh.Model;

/// <summary>
/// A cluster node. <see cref="IngressAddress"/> pins the node's ingress sandbox address; when null the planner
/// derives it (see <see cref="Planning.IngressAddressing"/>).
/// </summary>
public sealed record ClusterNode(string Name, IPAddress Underlay)
{
    public IPAddress? IngressAddress { get; init; }
}
