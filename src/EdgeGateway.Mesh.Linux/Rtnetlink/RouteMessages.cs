using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Netlink.NetlinkConstants;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>Encodes RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE for the main table (`ip route` equivalents).</summary>
internal static class RouteMessages
{
    /// <summary>`ip route replace DEST [via GW] dev INDEX proto static`: idempotent.</summary>
    public static NetlinkMessageWriter Replace(IPNetwork destination, IPAddress? gateway, int outputIndex) =>
        Build(NewRoute, FlagCreate | FlagReplace, destination, gateway, outputIndex);

    public static NetlinkMessageWriter Delete(IPNetwork destination, IPAddress? gateway, int outputIndex) =>
        Build(DeleteRoute, 0, destination, gateway, outputIndex);

    public static NetlinkMessageWriter DumpAll() =>
        new NetlinkMessageWriter(GetRoute, 0).WriteHeader(RtnetlinkHeaders.Route(FamilyUnspecified, 0, RouteScopeUniverse, 0));

    private static NetlinkMessageWriter Build(ushort type, ushort flags, IPNetwork destination, IPAddress? gateway, int outputIndex)
    {
        var family = (byte)NetlinkMessageWriter.AddressFamilyOf(destination.BaseAddress);
        var scope = gateway is null ? RouteScopeLink : RouteScopeUniverse;
        var m = new NetlinkMessageWriter(type, flags)
            .WriteHeader(RtnetlinkHeaders.Route(family, destination.PrefixLength, scope))
            .PutU32(RouteTable, RouteTableMain);
        if (destination.PrefixLength > 0)
        {
            m.PutAddress(RouteDestination, destination.BaseAddress);
        }

        if (gateway is not null)
        {
            m.PutAddress(RouteGateway, gateway);
        }

        return m.PutU32(RouteOutputInterface, (uint)outputIndex);
    }
}
