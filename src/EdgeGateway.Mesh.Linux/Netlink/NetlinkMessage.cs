using System.Buffers.Binary;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>One received netlink message: header fields and the payload after the 16-byte nlmsghdr.</summary>
internal sealed record NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Splits a datagram into messages (nlmsg_len counts the header; messages start 4-byte aligned).</summary>
    public static List<NetlinkMessage> Parse(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        while (offset + NetlinkConstants.HeaderLength <= datagram.Length)
        {
            var h = datagram[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(h);
            if (length < NetlinkConstants.HeaderLength || offset + length > datagram.Length)
            {
                throw new InvalidDataException($"netlink message at offset {offset} has invalid length {length}");
            }

            messages.Add(new NetlinkMessage(
                BinaryPrimitives.ReadUInt16LittleEndian(h[4..]),
                BinaryPrimitives.ReadUInt16LittleEndian(h[6..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[12..]),
                h[NetlinkConstants.HeaderLength..length].ToArray()));
            offset += NetlinkConstants.Align(length);
        }

        return messages;
    }
}
