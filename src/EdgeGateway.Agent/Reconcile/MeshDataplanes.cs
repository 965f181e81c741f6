using EdgeGateway.Mesh.Dataplane;

namespace EdgeGateway.Agent.Reconcile;

/// <summary>
/// The three kernel parts a node plan is applied to. <see cref="Ingress"/> is null when the agent does not build the
/// ingress network (Docker owns it).
/// </summary>
internal sealed record MeshDataplanes(IIngressNetwork? Ingress, IPublishedPortDnat Dnat, IBalancerDataplane Balancer);
