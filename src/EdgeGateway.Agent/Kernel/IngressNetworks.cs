using EdgeGateway.Agent.Configuration;
using EdgeGateway.Mesh.Dataplane;

namespace EdgeGateway.Agent.Kernel;

/// <summary>Creates the netlink ingress network builder for standalone mode.</summary>
internal static class IngressNetworks
{
    public static IIngressNetwork Create(AgentOptions options) =>
        throw new AgentConfigException($"node '{options.Node}': building the ingress network is not available in this build");
}
