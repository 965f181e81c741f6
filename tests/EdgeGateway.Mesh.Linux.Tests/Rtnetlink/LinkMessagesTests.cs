using System.Net;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Rtnetlink;

// struct ifinfomsg { u8 family; u8 pad; u16 type; s32 index; u32 flags; u32 change; } (linux/rtnetlink.h);
// RTM_NEWLINK = 16; IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_MASTER = 10, IFLA_LINKINFO = 18, IFLA_NET_NS_FD = 28;
// IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2; VETH_INFO_PEER = 1; IFLA_VXLAN_* (linux/if_link.h).
public class LinkMessagesTests
{
    private const string EmptyIfinfo = "00 00 0000 00000000 00000000 00000000";

    [Fact]
    public void NewVeth_PeerInNamespace_PeerCarriesIfinfomsgNameAndNamespaceFd()
    {
        var bytes = LinkMessages.NewVeth("veth0", "veth1", 5).Complete(1);

        Hex.Equal(
            "68000000 1000 0006 01000000 00000000 |" + EmptyIfinfo +
            "| 0a00 0300 7665746830 00 0000" +
            "| 3c00 1280 | 0900 0100 76657468 00 000000" +
            "| 2c00 0280 | 2800 0180 |" + EmptyIfinfo +
            "| 0a00 0300 7665746831 00 0000 | 0800 1c00 05000000",
            bytes);
    }

    [Fact]
    public void NewVxlan_Spec_EncodesIdLinkLocalLearningAndBigEndianPort()
    {
        var spec = new VxlanSpec("vx0", 42, 4789, IPAddress.Parse("10.0.0.1"), 3, Learning: false);

        var bytes = LinkMessages.NewVxlan(spec).Complete(1);

        Hex.Equal(
            "64000000 1000 0006 01000000 00000000 |" + EmptyIfinfo +
            "| 0800 0300 767830 00" +
            "| 3c00 1280 | 0a00 0100 7678 6c61 6e00 0000" +
            "| 2c00 0280 | 0800 0100 2a000000 | 0800 0300 03000000 | 0800 0400 0a000001" +
            "| 0500 0700 00 000000 | 0600 0f00 12b5 0000",
            bytes);
    }

    [Fact]
    public void NewBridge_Name_KindBridge()
    {
        Hex.Equal(
            "38000000 1000 0006 01000000 00000000 |" + EmptyIfinfo +
            "| 0800 0300 627230 00 | 1000 1280 | 0b00 0100 627269646765 00 00",
            LinkMessages.NewBridge("br0").Complete(1));
    }

    [Fact]
    public void SetUp_Index_SetsFlagsAndChangeMaskToIffUp()
    {
        Hex.Equal("20000000 1000 0000 01000000 00000000 | 00 00 0000 07000000 01000000 01000000", LinkMessages.SetUp(7, up: true).Complete(1));
        Hex.Equal("20000000 1000 0000 01000000 00000000 | 00 00 0000 07000000 00000000 01000000", LinkMessages.SetUp(7, up: false).Complete(1));
    }

    [Fact]
    public void SetMasterAndNamespace_Index_CarryU32Attribute()
    {
        Hex.Equal("28000000 1000 0000 01000000 00000000 | 00 00 0000 07000000 00000000 00000000 | 0800 0a00 03000000",
            LinkMessages.SetMaster(7, 3).Complete(1));
        Hex.Equal("28000000 1000 0000 01000000 00000000 | 00 00 0000 07000000 00000000 00000000 | 0800 1c00 09000000",
            LinkMessages.SetNamespace(7, 9).Complete(1));
    }

    [Fact]
    public void Delete_Index_DellinkWithIndexOnly()
    {
        Hex.Equal("20000000 1100 0000 01000000 00000000 | 00 00 0000 07000000 00000000 00000000", LinkMessages.Delete(7).Complete(1));
    }
}
