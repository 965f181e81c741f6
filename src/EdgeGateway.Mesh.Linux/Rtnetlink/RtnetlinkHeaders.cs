using System.Buffers.Binary;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>The fixed family headers of rtnetlink messages, laid out as in linux/rtnetlink.h and neighbour.h.</summary>
internal static class RtnetlinkHeaders
{
    /// <summary>struct ifinfomsg (16 bytes): u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change.</summary>
    public static byte[] InterfaceInfo(int index, uint flags = 0, uint change = 0, byte family = RtnetlinkConstants.FamilyUnspecified)
    {
        var h = new byte[16];
        h[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(12), change);
        return h;
    }

    /// <summary>struct ifaddrmsg (8 bytes): u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index.</summary>
    public static byte[] InterfaceAddress(byte family, int prefixLength, int index)
    {
        var h = new byte[8];
        h[0] = family;
        h[1] = (byte)prefixLength;
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), index);
        return h;
    }

    /// <summary>struct rtmsg (12 bytes): family, dst_len, src_len, tos, table, protocol, scope, type, u32 flags.</summary>
    public static byte[] Route(byte family, int destinationLength, byte scope, byte table = RtnetlinkConstants.RouteTableMain)
    {
        var h = new byte[12];
        h[0] = family;
        h[1] = (byte)destinationLength;
        h[4] = table;
        h[5] = RtnetlinkConstants.RouteProtocolStatic;
        h[6] = scope;
        h[7] = RtnetlinkConstants.RouteTypeUnicast;
        return h;
    }

    /// <summary>struct ndmsg (12 bytes): u8 family, u8 pad1, u16 pad2, s32 ifindex, u16 state, u8 flags, u8 type.</summary>
    public static byte[] Neighbour(byte family, int index, ushort state, byte flags)
    {
        var h = new byte[12];
        h[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(4), index);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), state);
        h[10] = flags;
        return h;
    }
}
