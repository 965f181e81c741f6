using System.Collections.Immutable;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// The network namespaces of this node's containers attached to the cluster's overlays (ingress aside): where VIPs
/// are balanced, on the client side. Networks are keyed by Docker's network id, as the cluster state names them.
/// </summary>
internal static class DockerSandboxReader
{
    public static async Task<ImmutableArray<LocalSandbox>> ReadAsync(
        IDockerClient docker, IReadOnlyDictionary<string, OverlayNetwork> networks, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters(), cancellationToken).ConfigureAwait(false);
        var sandboxes = new List<LocalSandbox>();
        foreach (var container in containers)
        {
            ContainerInspectResponse inspected;
            try
            {
                inspected = await docker.Containers.InspectContainerAsync(container.ID!, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                continue;
            }

            var subnets = (inspected.NetworkSettings?.Networks?.Values ?? [])
                .Where(e => e.NetworkID is not null && networks.ContainsKey(e.NetworkID) && !networks[e.NetworkID].Ingress)
                .Select(e => networks[e.NetworkID!].Subnet).ToImmutableArray();
            if (!subnets.IsEmpty && !string.IsNullOrEmpty(inspected.NetworkSettings?.SandboxKey))
            {
                sandboxes.Add(new LocalSandbox(inspected.NetworkSettings!.SandboxKey!, subnets));
            }
        }

        return [.. sandboxes.OrderBy(s => s.Path, StringComparer.Ordinal)];
    }
}
