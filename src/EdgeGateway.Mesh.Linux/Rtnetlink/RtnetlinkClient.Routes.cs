using System.Net;
using System.Net.Sockets;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

internal sealed partial class RtnetlinkClient
{
    public void ReplaceRoute(IPNetwork destination, IPAddress? gateway, int outputIndex) =>
        Send(RouteMessages.Replace(destination, gateway, outputIndex), $"add route {destination}{(gateway is null ? string.Empty : " via " + gateway)} dev {outputIndex}");

    public void DeleteRoute(IPNetwork destination, IPAddress? gateway, int outputIndex) =>
        Send(RouteMessages.Delete(destination, gateway, outputIndex), $"delete route {destination} dev {outputIndex}");

    /// <summary>Routes of the main table.</summary>
    public List<RouteInfo> DumpRoutes() =>
        _socket.Dump(RouteMessages.DumpAll(), "dump routes").Select(ParseRoute).OfType<RouteInfo>().ToList();

    private static RouteInfo? ParseRoute(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        var family = span[0];
        var attributes = NetlinkAttributes.Parse(message.Payload[12..]);
        var table = attributes.TryGet(RouteTable, out var t) ? t.U32 : span[4];
        if (table != RouteTableMain || family is not (FamilyInet or 10))
        {
            return null;
        }

        var any = family == FamilyInet ? IPAddress.Any : IPAddress.IPv6Any;
        var destination = attributes.TryGet(RouteDestination, out var d) ? d.Address : any;
        var gateway = attributes.TryGet(RouteGateway, out var g) ? g.Address : null;
        var output = attributes.TryGet(RouteOutputInterface, out var o) ? (int)o.U32 : 0;
        return destination.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
            ? new RouteInfo(new IPNetwork(destination, span[1]), gateway, output)
            : null;
    }
}
