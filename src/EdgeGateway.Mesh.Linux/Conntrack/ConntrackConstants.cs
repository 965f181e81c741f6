namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>Values from linux/netfilter/nfnetlink.h and nfnetlink_conntrack.h (ctnetlink).</summary>
internal static class ConntrackConstants
{
    public const int NetlinkNetfilter = 12;

    /// <summary>nfnetlink message types carry the subsystem in the high byte: NFNL_SUBSYS_CTNETLINK = 1.</summary>
    public const ushort MessageNew = (1 << 8) | 0;
    public const ushort MessageGet = (1 << 8) | 1;
    public const ushort MessageDelete = (1 << 8) | 2;

    public const byte FamilyIpv4 = 2;

    // enum ctattr_type
    public const ushort TupleReply = 2;
    public const ushort Id = 12;
    public const ushort Zone = 18;

    // enum ctattr_tuple, ctattr_ip
    public const ushort TupleIp = 1;
    public const ushort IpV4Source = 1;
}
