using System.Net;
using EdgeGateway.Mesh.Linux.Conntrack;
using EdgeGateway.Mesh.Linux.Netlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Conntrack;

// linux/netfilter/nfnetlink_conntrack.h: message type = NFNL_SUBSYS_CTNETLINK (1) << 8 | IPCTNL_MSG_CT_NEW (0),
// GET (1), DELETE (2); CTA_TUPLE_ORIG = 1, CTA_TUPLE_REPLY = 2, CTA_ID = 12 (be32), CTA_ZONE = 18 (be16);
// CTA_TUPLE_IP = 1 { CTA_IP_V4_SRC = 1, CTA_IP_V4_DST = 2 }, CTA_TUPLE_PROTO = 2 { CTA_PROTO_NUM = 1 (u8),
// CTA_PROTO_SRC_PORT = 2 (be16), CTA_PROTO_DST_PORT = 3 (be16) }. Nests carry NLA_F_NESTED (0x8000).
public class ConntrackMessagesTests
{
    // tcp 10.9.0.1:40000 -> 10.9.0.2:80, as the kernel nests it
    private const string OriginalTuple =
        "1400 0180 | 0800 0100 0a090001 | 0800 0200 0a090002 |" +
        "1c00 0280 | 0500 0100 06 000000 | 0600 0200 9c40 0000 | 0600 0300 0050 0000";

    // answered by the backend 10.9.0.7:8080 (after DNAT)
    private const string ReplyTuple =
        "1400 0180 | 0800 0100 0a090007 | 0800 0200 0a090001 |" +
        "1c00 0280 | 0500 0100 06 000000 | 0600 0200 1f90 0000 | 0600 0300 9c40 0000";

    private const string DumpedEntry =
        "8c000000 0001 0200 07000000 00000000 | 02 00 0000 | 3400 0180 |" + OriginalTuple + "| 3400 0280 |" + ReplyTuple +
        "| 0800 0c00 12345678 | 0600 1200 0005 0000";

    [Fact]
    public void DumpIpv4_Request_GetWithIpv4Header()
    {
        Hex.Equal("14000000 0101 0000 01000000 00000000 | 02 00 0000", ConntrackMessages.DumpIpv4().Complete(1));
    }

    [Fact]
    public void ParseEntry_DumpedTcpEntry_ReplySourceReplyTupleZoneAndId()
    {
        var entry = ConntrackMessages.ParseEntry(NetlinkMessage.Parse(Hex.Bytes(DumpedEntry))[0]);

        Assert.NotNull(entry);
        Assert.Equal(IPAddress.Parse("10.9.0.7"), entry.ReplySource);
        Hex.Equal(ReplyTuple, entry.ReplyTuple.Span);
        Assert.Equal((ushort)5, entry.Zone);
        Assert.Equal(0x12345678u, entry.Id);
    }

    [Fact]
    public void ParseEntry_NotAnEntry_Null()
    {
        var done = NetlinkMessage.Parse(Hex.Bytes("14000000 0300 0200 07000000 00000000 | 00000000"))[0];

        Assert.Null(ConntrackMessages.ParseEntry(done));
    }

    [Fact]
    public void Delete_DumpedEntry_EchoesReplyTupleZoneAndId()
    {
        var entry = ConntrackMessages.ParseEntry(NetlinkMessage.Parse(Hex.Bytes(DumpedEntry))[0])!;

        Hex.Equal(
            "58000000 0201 0000 01000000 00000000 | 02 00 0000 | 3400 0280 |" + ReplyTuple +
            "| 0600 1200 0005 0000 | 0800 0c00 12345678",
            ConntrackMessages.Delete(entry).Complete(1));
    }

    [Fact]
    public void Delete_DefaultZoneNoId_TupleOnly()
    {
        var entry = new ConntrackEntry(IPAddress.Parse("10.9.0.7"), Hex.Bytes(ReplyTuple), null, null);

        Hex.Equal(
            "48000000 0201 0000 01000000 00000000 | 02 00 0000 | 3400 0280 |" + ReplyTuple,
            ConntrackMessages.Delete(entry).Complete(1));
    }

    [Fact]
    public void Delete_NoTuple_ThrowsRatherThanFlushingTheTable()
    {
        var entry = new ConntrackEntry(IPAddress.Parse("10.9.0.7"), ReadOnlyMemory<byte>.Empty, null, null);

        var error = Assert.Throws<ArgumentException>(() => ConntrackMessages.Delete(entry));

        Assert.StartsWith("a conntrack delete needs the entry's reply tuple", error.Message, StringComparison.Ordinal);
    }
}
