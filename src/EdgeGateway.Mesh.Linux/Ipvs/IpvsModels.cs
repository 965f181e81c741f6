using System.Net;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>
/// Identifies an IPVS virtual service: by address, protocol and port, or by firewall mark (then Address is the
/// family's any-address and Protocol/Port are 0).
/// </summary>
internal sealed record IpvsServiceKey(IPAddress Address, ushort Protocol, int Port, uint FirewallMark = 0)
{
    public static IpvsServiceKey ForMark(uint mark, bool ipv6 = false) => new(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0, 0, mark);

    public override string ToString() => FirewallMark != 0
        ? $"fwmark {FirewallMark}"
        : $"{(Protocol == IpvsConstants.ProtocolUdp ? "udp" : "tcp")} {Address}:{Port}";
}

/// <summary>A virtual service as IPVS reports it, with the number of connections it scheduled.</summary>
internal sealed record IpvsService(IpvsServiceKey Key, string Scheduler, long Connections);

/// <summary>A real server of a service, with its live connection counters.</summary>
internal sealed record IpvsDestination(IPAddress Address, int Port, int Weight, long ActiveConnections, long InactiveConnections);
