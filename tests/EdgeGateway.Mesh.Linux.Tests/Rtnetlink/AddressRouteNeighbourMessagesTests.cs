using System.Net;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Rtnetlink;

// struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }, IFA_ADDRESS = 1, IFA_LOCAL = 2.
public class AddressMessagesTests
{
    [Fact]
    public void Replace_Ipv4_CreateReplaceWithLocalAndAddress()
    {
        Hex.Equal(
            "28000000 1400 0005 01000000 00000000 | 02 18 00 00 04000000 | 0800 0200 0a010203 | 0800 0100 0a010203",
            AddressMessages.Replace(4, IPAddress.Parse("10.1.2.3"), 24).Complete(1));
    }
}

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

// struct ndmsg { u8 family; u8 pad1; u16 pad2; s32 ifindex; u16 state; u8 flags; u8 type; };
// NDA_DST = 1, NDA_LLADDR = 2; AF_BRIDGE = 7, NUD_PERMANENT = 0x80, NTF_SELF = 0x02.
public class NeighbourMessagesTests
{
    [Fact]
    public void AppendFdb_FloodEntry_BridgeFamilySelfPermanentZeroMacAndRemote()
    {
        Hex.Equal(
            "30000000 1c00 000c 01000000 00000000 | 07 00 0000 09000000 8000 02 00" +
            "| 0a00 0200 000000000000 0000 | 0800 0100 0ad50007",
            NeighbourMessages.AppendFdb(9, NeighbourMessages.FloodMac, IPAddress.Parse("10.213.0.7")).Complete(1));
    }

    [Fact]
    public void DeleteFdb_FloodEntry_DelneighWithSameKey()
    {
        Hex.Equal(
            "30000000 1d00 0000 01000000 00000000 | 07 00 0000 09000000 8000 02 00" +
            "| 0a00 0200 000000000000 0000 | 0800 0100 0ad50007",
            NeighbourMessages.DeleteFdb(9, NeighbourMessages.FloodMac, IPAddress.Parse("10.213.0.7")).Complete(1));
    }

    [Fact]
    public void ReplaceArp_Ipv4_InetFamilyPermanentWithDestinationAndMac()
    {
        Hex.Equal(
            "30000000 1c00 0005 01000000 00000000 | 02 00 0000 03000000 8000 00 00" +
            "| 0800 0100 0a000002 | 0a00 0200 02420a000002 0000",
            NeighbourMessages.ReplaceArp(3, IPAddress.Parse("10.0.0.2"), Hex.Bytes("02420a000002")).Complete(1));
    }
}
