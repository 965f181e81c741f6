using EdgeGateway.Mesh.Linux.GenericNetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.GenericNetlink;

// linux/genetlink.h: struct genlmsghdr { u8 cmd; u8 version; u16 reserved; }; GENL_ID_CTRL = 0x10,
// CTRL_CMD_GETFAMILY = 3, CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2.
public class GenericNetlinkMessagesTests
{
    [Fact]
    public void GetFamily_Ipvs_ControllerRequestWithFamilyName()
    {
        Hex.Equal("20000000 1000 0000 01000000 00000000 | 03 01 0000 | 0900 0200 49505653 00 000000",
            GenericNetlinkMessages.GetFamily("IPVS").Complete(1));
    }
}
