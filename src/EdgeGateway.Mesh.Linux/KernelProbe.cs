using EdgeGateway.Mesh.Linux.GenericNetlink;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux;

/// <summary>What the running kernel offers, for choosing a dataplane.</summary>
public static class KernelProbe
{
    /// <summary>True when the generic netlink family "IPVS" exists (asking loads ip_vs if the kernel ships it).</summary>
    public static bool HasIpvs()
    {
        using var socket = NetlinkSocket.Open(NetlinkConstants.NetlinkGeneric);
        return GenericFamilyResolver.TryResolve(socket, IpvsConstants.FamilyName) is not null;
    }
}
