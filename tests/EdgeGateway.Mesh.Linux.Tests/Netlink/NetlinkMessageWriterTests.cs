using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Netlink;

// Layouts from linux/netlink.h: struct nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid; } and
// struct nlattr { u16 nla_len; u16 nla_type; } with values padded to NLA_ALIGNTO (4).
public class NetlinkMessageWriterTests
{
    [Fact]
    public void Complete_HeaderOnly_WritesNlmsghdrLittleEndian()
    {
        var m = new NetlinkMessageWriter(0x10, 0x0405);

        Hex.Equal("10000000 | 1000 | 0504 | 07000000 | 2a000000", m.Complete(7, 42));
    }

    [Fact]
    public void PutString_OddLength_NulTerminatedAndPaddedToFour()
    {
        var m = new NetlinkMessageWriter(1, 0).PutString(3, "ab");

        Hex.Equal("18000000 0100 0000 01000000 00000000 | 0700 0300 616200 00", m.Complete(1));
    }

    [Fact]
    public void PutU16BigEndian_Port_NetworkByteOrderAndPadded()
    {
        var m = new NetlinkMessageWriter(1, 0).PutU16BigEndian(15, 4789);

        Hex.Equal("18000000 0100 0000 01000000 00000000 | 0600 0f00 12b5 0000", m.Complete(1));
    }

    [Fact]
    public void EndNested_TwoLevels_LengthsCoverChildrenAndTypeHasNestedFlag()
    {
        var m = new NetlinkMessageWriter(1, 0);
        var outer = m.BeginNested(18);
        var inner = m.BeginNested(2);
        m.PutU32(1, 42);
        m.EndNested(inner).EndNested(outer);

        Hex.Equal("20000000 0100 0000 01000000 00000000 | 1000 1280 | 0c00 0280 | 0800 0100 2a000000", m.Complete(1));
    }

    [Fact]
    public void WriteHeader_ThreeBytes_PaddedBeforeAttributes()
    {
        var m = new NetlinkMessageWriter(1, 0).WriteHeader([1, 2, 3]).PutU8(5, 9);

        Hex.Equal("1c000000 0100 0000 01000000 00000000 | 01020300 | 0500 0500 09 000000", m.Complete(1));
    }
}
