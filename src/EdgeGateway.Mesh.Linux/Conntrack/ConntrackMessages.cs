using System.Buffers.Binary;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Conntrack.ConntrackConstants;

namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>
/// Encodes and decodes ctnetlink messages. Each starts with struct nfgenmsg (u8 family, u8 version 0, be16 res_id 0)
/// after the nlmsghdr; numbers inside ctnetlink attributes are big-endian.
/// </summary>
internal static class ConntrackMessages
{
    private static readonly byte[] Ipv4Header = [FamilyIpv4, 0, 0, 0];

    /// <summary>IPCTNL_MSG_CT_GET with NLM_F_DUMP (the socket adds it): every IPv4 entry of the namespace.</summary>
    public static NetlinkMessageWriter DumpIpv4() => new NetlinkMessageWriter(MessageGet, 0).WriteHeader(Ipv4Header);

    /// <summary>
    /// IPCTNL_MSG_CT_DELETE of exactly this entry, looked up by its reply tuple (see <see cref="ConntrackEntry"/>).
    /// Always names a tuple: a delete without one flushes the whole table.
    /// </summary>
    public static NetlinkMessageWriter Delete(ConntrackEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ReplyTuple.IsEmpty)
        {
            throw new ArgumentException("a conntrack delete needs the entry's reply tuple", nameof(entry));
        }

        var message = new NetlinkMessageWriter(MessageDelete, 0).WriteHeader(Ipv4Header)
            .PutBytes(TupleReply | NetlinkConstants.AttributeNested, entry.ReplyTuple.Span);
        if (entry.Zone is { } zone)
        {
            message.PutU16BigEndian(Zone, zone);
        }

        if (entry.Id is { } id)
        {
            Span<byte> value = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, id);
            message.PutBytes(Id, value);
        }

        return message;
    }

    /// <summary>One entry of a dump (IPCTNL_MSG_CT_NEW); null for an entry that is not IPv4 in its reply direction.</summary>
    public static ConntrackEntry? ParseEntry(NetlinkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != MessageNew || message.Payload.Length < Ipv4Header.Length)
        {
            return null;
        }

        var attributes = NetlinkAttributes.Parse(message.Payload[Ipv4Header.Length..]);
        if (!attributes.TryGet(TupleReply, out var reply)
            || !reply.Nested.TryGet(TupleIp, out var replyIp) || !replyIp.Nested.TryGet(IpV4Source, out var replySource))
        {
            return null;
        }

        ushort? zone = attributes.TryGet(Zone, out var z) ? z.U16BigEndian : null;
        uint? id = attributes.TryGet(Id, out var i) ? BinaryPrimitives.ReadUInt32BigEndian(i.Value.Span) : null;
        return new ConntrackEntry(replySource.Address, reply.Value, zone, id);
    }
}
