using System.Net;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>A VXLAN device: VNI, UDP port, local underlay address and the underlay device its socket binds to.</summary>
internal sealed record VxlanSpec(string Name, int Vni, int Port, IPAddress Local, int UnderlayIndex, bool Learning);

/// <summary>A link as the kernel reports it.</summary>
internal sealed record LinkInfo(int Index, string Name, string? Kind, uint Flags, int Mtu, int Master, int? Vni)
{
    public bool IsUp => (Flags & RtnetlinkConstants.InterfaceUp) != 0;
}

/// <summary>An interface address as the kernel reports it.</summary>
internal sealed record AddressInfo(int Index, IPAddress Address, int PrefixLength);

/// <summary>A route in the main table as the kernel reports it (destination 0.0.0.0/0 for the default route).</summary>
internal sealed record RouteInfo(IPNetwork Destination, IPAddress? Gateway, int OutputIndex);

/// <summary>One bridge forwarding entry of a device (VXLAN: MAC -> remote underlay address).</summary>
internal sealed record FdbEntry(int Index, byte[] Mac, IPAddress? Destination);
