using System.Net;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Rtnetlink;

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
