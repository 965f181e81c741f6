using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Model;

/// <summary>How clients reach a service's tasks: one virtual IP per network, or DNS round robin over task addresses.</summary>
public enum EndpointMode
{
    Vip,
    DnsRoundRobin,
}

/// <summary>A port a service's tasks listen on; <see cref="PublishedPort"/> is set when the mesh publishes it on every node.</summary>
public sealed record ServicePort(L4Protocol Protocol, int TargetPort, int? PublishedPort);

/// <summary>A service: endpoint mode, its VIP on each network (VIP mode only) and its ports.</summary>
public sealed record ClusterService(
    string Name,
    EndpointMode EndpointMode,
    ImmutableSortedDictionary<string, IPAddress> Vips,
    ImmutableArray<ServicePort> Ports);
