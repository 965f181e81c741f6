using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.GenericNetlink;

/// <summary>Generic netlink framing (linux/genetlink.h): nlmsghdr, then genlmsghdr (u8 cmd, u8 version, u16 reserved).</summary>
internal static class GenericNetlinkMessages
{
    public const ushort ControllerFamily = 0x10;
    public const byte ControllerGetFamily = 3;
    public const ushort ControllerFamilyId = 1;
    public const ushort ControllerFamilyName = 2;
    public const int HeaderLength = 4;

    public static NetlinkMessageWriter Create(ushort family, byte command, byte version, ushort flags = 0) =>
        new NetlinkMessageWriter(family, flags).WriteHeader([command, version, 0, 0]);

    /// <summary>CTRL_CMD_GETFAMILY with CTRL_ATTR_FAMILY_NAME: asks the controller for a family's id.</summary>
    public static NetlinkMessageWriter GetFamily(string name) =>
        Create(ControllerFamily, ControllerGetFamily, 1).PutString(ControllerFamilyName, name);

    public static NetlinkAttributes AttributesOf(NetlinkMessage message) => NetlinkAttributes.Parse(message.Payload[HeaderLength..]);
}
