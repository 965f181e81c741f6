namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>Values from linux/netlink.h.</summary>
internal static class NetlinkConstants
{
    public const int NetlinkRoute = 0;
    public const int NetlinkGeneric = 16;

    public const int HeaderLength = 16;
    public const int AttributeHeaderLength = 4;

    public const ushort MessageNoop = 1;
    public const ushort MessageError = 2;
    public const ushort MessageDone = 3;

    public const ushort FlagRequest = 0x01;
    public const ushort FlagAck = 0x04;
    public const ushort FlagDumpInterrupted = 0x10;
    public const ushort FlagDump = 0x300;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExclusive = 0x200;
    public const ushort FlagCreate = 0x400;
    public const ushort FlagAppend = 0x800;

    /// <summary>In an NLMSG_ERROR: the echoed request was cut to its header / extended-ack TLVs follow.</summary>
    public const ushort FlagCapped = 0x100;
    public const ushort FlagAckTlvs = 0x200;

    public const ushort AttributeNested = 0x8000;
    public const ushort AttributeTypeMask = 0x3fff;

    public const int SolNetlink = 270;
    public const int OptionCapAck = 10;
    public const int OptionExtAck = 11;

    public const ushort ErrorAttributeMessage = 1;

    public static int Align(int length) => (length + 3) & ~3;
}
