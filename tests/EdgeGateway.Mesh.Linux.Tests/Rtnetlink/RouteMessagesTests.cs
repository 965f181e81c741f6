using System.Net;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Rtnetlink;

// struct rtmsg { family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; };
// RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_TABLE = 15; RT_TABLE_MAIN = 254, RTPROT_STATIC = 4, RTN_UNICAST = 1.
public class RouteMessagesTests
{
    [Fact]
    public void Replace_ViaGateway_UniverseScopeWithDestinationGatewayAndDevice()
    {
        Hex.Equal(
            "3c000000 1800 0005 01000000 00000000 | 02 10 00 00 fe 04 00 01 00000000" +
            "| 0800 0f00 fe000000 | 0800 0100 0a090000 | 0800 0500 0a0102fe | 0800 0400 04000000",
            RouteMessages.Replace(new IPNetwork(IPAddress.Parse("10.9.0.0"), 16), IPAddress.Parse("10.1.2.254"), 4).Complete(1));
    }

    [Fact]
    public void Replace_DefaultOnLink_LinkScopeWithoutDestination()
    {
        Hex.Equal(
            "2c000000 1800 0005 01000000 00000000 | 02 00 00 00 fe 04 fd 01 00000000 | 0800 0f00 fe000000 | 0800 0400 04000000",
            RouteMessages.Replace(new IPNetwork(IPAddress.Any, 0), null, 4).Complete(1));
    }
}
