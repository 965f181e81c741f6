using System.Collections.Immutable;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// The ports of a service. Published (ingress mode) ports come from the service's endpoint. A VIP balances every
/// port in Docker's own mesh, but an nftables frontend names its port: the ports a service listens on behind its VIP
/// are read from the label <see cref="PortsLabel"/> ("8080/tcp,53/udp"), else from the image's EXPOSE list.
/// </summary>
internal static class DockerServicePorts
{
    public const string PortsLabel = "edge.mesh.ports";

    /// <summary>Parses "8080/tcp" or "8080" (tcp); null when it is not a port.</summary>
    public static (L4Protocol Protocol, int Port)? Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (!int.TryParse(parts[0], out var port) || port is < 1 or > 65535 || parts.Length > 2)
        {
            return null;
        }

        return (parts.Length == 1 ? "tcp" : parts[1].ToLowerInvariant()) switch
        {
            "tcp" => (L4Protocol.Tcp, port),
            "udp" => (L4Protocol.Udp, port),
            _ => null,
        };
    }

    /// <summary>Published ports first, then the listening ports not already named, in a stable order.</summary>
    public static ImmutableArray<ServicePort> Merge(IEnumerable<ServicePort> published, IEnumerable<(L4Protocol Protocol, int Port)> listening)
    {
        var ports = published.ToList();
        foreach (var (protocol, port) in listening.Distinct())
        {
            if (!ports.Any(p => p.Protocol == protocol && p.TargetPort == port))
            {
                ports.Add(new ServicePort(protocol, port, null));
            }
        }

        return [.. ports.OrderBy(p => p.Protocol).ThenBy(p => p.TargetPort).ThenBy(p => p.PublishedPort)];
    }
}
