using System.Collections.Immutable;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Reads one consistent-enough pass of Docker's state: nodes, swarm overlay networks, services, tasks (manager API)
/// and the sandboxes of this node's containers. Networks are keyed by id, as Docker keys VIPs and task addresses.
/// </summary>
internal sealed class DockerStateReader(IDockerClient docker)
{
    private const string VxlanIdsOption = "com.docker.network.driver.overlay.vxlanid_list";

    public async Task<DockerSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var nodes = await docker.Swarm.ListNodesAsync(cancellationToken).ConfigureAwait(false);
        var networks = Overlays(await docker.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false));
        var services = (await docker.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken).ConfigureAwait(false)).ToList();
        var tasks = await docker.Tasks.ListAsync(cancellationToken).ConfigureAwait(false);

        var serviceNames = services.Where(s => s.ID is not null && s.Spec?.Name is not null)
            .ToDictionary(s => s.ID!, s => s.Spec!.Name!, StringComparer.Ordinal);
        var clusterServices = new List<ClusterService>();
        foreach (var service in services.Where(s => s.ID is not null && serviceNames.ContainsKey(s.ID)))
        {
            clusterServices.Add(await ServiceAsync(service, networks, cancellationToken).ConfigureAwait(false));
        }

        var state = new ClusterState(
            [.. nodes.Where(n => n.ID is not null && !string.IsNullOrEmpty(n.Status?.Addr)).Select(n => new ClusterNode(n.ID!, DockerAddresses.WithoutPrefix(n.Status!.Addr, $"node '{n.ID}' address")))],
            [.. networks.Values],
            [.. clusterServices],
            [.. tasks.Where(t => t.ID is not null && t.ServiceID is not null && serviceNames.ContainsKey(t.ServiceID)).Select(t => Task(t, serviceNames[t.ServiceID!], networks))]);
        return new DockerSnapshot(state, await DockerSandboxReader.ReadAsync(docker, networks, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Only this node's container sandboxes, from the local API alone (it works on a worker too: the overlays its
    /// containers are attached to are listed locally).
    /// </summary>
    public async Task<ImmutableArray<LocalSandbox>> ReadSandboxesAsync(CancellationToken cancellationToken)
    {
        var networks = Overlays(await docker.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false));
        return await DockerSandboxReader.ReadAsync(docker, networks, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, OverlayNetwork> Overlays(IEnumerable<NetworkResponse> networks)
    {
        var overlays = new Dictionary<string, OverlayNetwork>(StringComparer.Ordinal);
        foreach (var network in networks.Where(n => n.ID is not null && n.Driver == "overlay" && n.Scope == "swarm").OrderBy(n => n.ID, StringComparer.Ordinal))
        {
            var subnet = network.IPAM?.Config?.FirstOrDefault()?.Subnet;
            if (subnet is null)
            {
                continue;
            }

            var vni = network.Options is not null && network.Options.TryGetValue(VxlanIdsOption, out var ids) && int.TryParse(ids?.Split(',')[0], out var id)
                ? id
                : 0;
            overlays[network.ID!] = new OverlayNetwork(network.ID!, DockerAddresses.Subnet(subnet, $"network '{network.Name}' subnet"), vni, network.Ingress);
        }

        return overlays;
    }

    private async Task<ClusterService> ServiceAsync(SwarmService service, Dictionary<string, OverlayNetwork> networks, CancellationToken cancellationToken)
    {
        var name = service.Spec!.Name!;
        var dnsrr = string.Equals(service.Spec.EndpointSpec?.Mode, "dnsrr", StringComparison.OrdinalIgnoreCase);
        var vips = dnsrr
            ? ImmutableSortedDictionary<string, System.Net.IPAddress>.Empty
            : (service.Endpoint?.VirtualIPs ?? []).Where(v => v.NetworkID is not null && networks.ContainsKey(v.NetworkID))
                .ToImmutableSortedDictionary(v => v.NetworkID!, v => DockerAddresses.WithoutPrefix(v.Addr, $"service '{name}' VIP"), StringComparer.Ordinal);
        var published = (service.Endpoint?.Ports ?? [])
            .Where(p => p.PublishMode == "ingress" && Protocol(p.Protocol) is not null && p.TargetPort is not null && p.PublishedPort is not null)
            .Select(p => new ServicePort(Protocol(p.Protocol)!.Value, (int)p.TargetPort!.Value, (int)p.PublishedPort!.Value));
        var listening = dnsrr ? [] : await ListeningPortsAsync(service, cancellationToken).ConfigureAwait(false);
        return new ClusterService(name, dnsrr ? EndpointMode.DnsRoundRobin : EndpointMode.Vip, vips, DockerServicePorts.Merge(published, listening));
    }

    /// <summary>The ports behind a VIP: the service's label, else its image's EXPOSE list (when the image is here).</summary>
    private async Task<List<(L4Protocol, int)>> ListeningPortsAsync(SwarmService service, CancellationToken cancellationToken)
    {
        IEnumerable<string> declared;
        if (service.Spec?.Labels is not null && service.Spec.Labels.TryGetValue(DockerServicePorts.PortsLabel, out var label) && label is not null)
        {
            declared = label.Split(',', StringSplitOptions.RemoveEmptyEntries);
        }
        else if (service.Spec?.TaskTemplate?.ContainerSpec?.Image is { } imageName)
        {
            try
            {
                var image = await docker.Images.InspectImageAsync(imageName, cancellationToken).ConfigureAwait(false);
                declared = image.Config?.ExposedPorts?.Keys ?? [];
            }
            catch (DockerImageNotFoundException)
            {
                declared = [];
            }
        }
        else
        {
            declared = [];
        }

        return [.. declared.Select(DockerServicePorts.Parse).OfType<(L4Protocol, int)>()];
    }

    private static ClusterTask Task(TaskResponse task, string service, Dictionary<string, OverlayNetwork> networks)
    {
        var addresses = (task.NetworksAttachments ?? [])
            .Where(a => a.Network?.ID is not null && networks.ContainsKey(a.Network.ID) && a.Addresses is { Count: > 0 })
            .ToImmutableSortedDictionary(a => a.Network!.ID!, a => DockerAddresses.WithoutPrefix(a.Addresses![0], $"task '{task.ID}' address"), StringComparer.Ordinal);
        return new ClusterTask(task.ID!, service, task.NodeID ?? string.Empty, addresses,
            DockerTaskStates.Of(Text(task.Status?.State), Text(task.DesiredState)), TaskHealth.None);
    }

    private static L4Protocol? Protocol(string? protocol) => protocol?.ToLowerInvariant() switch
    {
        "tcp" => L4Protocol.Tcp,
        "udp" => L4Protocol.Udp,
        _ => null,
    };

    /// <summary>Docker's enum members as the API spells them ("running", "shutdown").</summary>
    private static string? Text<T>(T value) => value?.ToString()?.ToLowerInvariant();
}
