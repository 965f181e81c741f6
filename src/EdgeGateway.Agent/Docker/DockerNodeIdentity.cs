using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// This node as Docker knows it: its swarm node id, whether it is a manager, and the address of Docker's ingress sandbox on the
/// docker_gwbridge network, which is where Docker (and so the agent) sends published ports.
/// </summary>
internal sealed record DockerNodeIdentity(string NodeId, IPAddress IngressSandboxAddress)
{
    /// <summary>True when this dockerd is a manager (it serves the swarm API: services, tasks, nodes).</summary>
    public bool IsManager { get; init; }

    public const string GatewayBridgeNetwork = "docker_gwbridge";
    public const string IngressSandboxEndpoint = "ingress-sbox";
    public const string IngressSandboxPath = "/var/run/docker/netns/ingress_sbox";

    public static async Task<DockerNodeIdentity> ReadAsync(IDockerClient docker, CancellationToken cancellationToken)
    {
        var info = await docker.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
        if (info.Swarm is not { LocalNodeState: "active" } swarm || string.IsNullOrEmpty(swarm.NodeID))
        {
            throw new DockerStateException($"this Docker engine is not an active swarm node (state '{info.Swarm?.LocalNodeState}'); run `docker swarm init` or join a swarm");
        }

        NetworkResponse bridge;
        try
        {
            bridge = await docker.Networks.InspectNetworkAsync(GatewayBridgeNetwork, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNetworkNotFoundException e)
        {
            throw new DockerStateException($"network '{GatewayBridgeNetwork}' does not exist yet: Docker creates it with the ingress sandbox", e);
        }

        // Docker lists the ingress sandbox's endpoint under the key "ingress-sbox" (where containers have their id).
        if (bridge.Containers is null || !bridge.Containers.TryGetValue(IngressSandboxEndpoint, out var endpoint))
        {
            throw new DockerStateException($"network '{GatewayBridgeNetwork}' has no '{IngressSandboxEndpoint}' endpoint yet: the ingress sandbox is not up");
        }

        return new DockerNodeIdentity(swarm.NodeID, DockerAddresses.WithoutPrefix(endpoint.IPv4Address, $"'{IngressSandboxEndpoint}' address"))
        {
            IsManager = swarm.ControlAvailable,
        };
    }
}
