using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Dataplane;

/// <summary>
/// The node's ingress network in standalone mode: sandbox namespace, overlay bridge, VXLAN with one FDB entry per
/// peer node, and the host/sandbox veth. Ensure is idempotent and adopts what an earlier run left.
/// </summary>
public interface IIngressNetwork
{
    Task EnsureAsync(IngressNetworkPlan plan, CancellationToken cancellationToken);

    Task RemoveAsync(IngressNetworkPlan plan, CancellationToken cancellationToken);
}
