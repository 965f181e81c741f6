using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Netlink;

public class NetlinkMessageTests
{
    [Fact]
    public void Parse_TwoMessagesInOneDatagram_SplitsOnAlignedLengths()
    {
        var datagram = Hex.Bytes(
            "15000000 1000 0200 05000000 99000000 | 0102030405 000000" +
            "14000000 0300 0200 05000000 99000000 | 00000000");

        var messages = NetlinkMessage.Parse(datagram);

        Assert.Equal(2, messages.Count);
        Assert.Equal((ushort)16, messages[0].Type);
        Assert.Equal((ushort)2, messages[0].Flags);
        Assert.Equal(5u, messages[0].Sequence);
        Assert.Equal(0x99u, messages[0].PortId);
        Assert.Equal(Hex.Bytes("0102030405"), messages[0].Payload.ToArray());
        Assert.Equal((ushort)3, messages[1].Type);
    }

    [Fact]
    public void Parse_LengthShorterThanHeader_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => NetlinkMessage.Parse(Hex.Bytes("08000000 1000 0000 01000000 00000000")));

        Assert.Equal("netlink message at offset 0 has invalid length 8", error.Message);
    }
}
