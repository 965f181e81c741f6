using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Netlink;

public class NetlinkAttributesTests
{
    [Fact]
    public void Parse_PaddedAttributesAndNestedFlag_ReadsTypesAndValues()
    {
        var data = Hex.Bytes("0700 0300 616200 00 | 0c00 1280 | 0800 0100 2a000000 | 0800 0400 0a000001");

        var attributes = NetlinkAttributes.Parse(data);

        Assert.Equal([3, 18, 4], attributes.All.Select(a => (int)a.Type));
        Assert.Equal("ab", attributes.Get(3).String);
        Assert.Equal(42u, attributes.Get(18).Nested.Get(1).U32);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), attributes.Get(4).Address);
    }

    [Fact]
    public void Parse_LengthBeyondData_ThrowsNamingTypeAndOffset()
    {
        var data = Hex.Bytes("0800 0100 2a000000 | 1000 0200 01");

        var error = Assert.Throws<InvalidDataException>(() => NetlinkAttributes.Parse(data));

        Assert.Equal("netlink attribute type 2 at offset 8 has invalid length 16", error.Message);
    }

    [Fact]
    public void Get_Missing_ThrowsNamingType()
    {
        var error = Assert.Throws<InvalidDataException>(() => NetlinkAttributes.Parse(Array.Empty<byte>()).Get(7));

        Assert.Equal("netlink attribute 7 missing", error.Message);
    }
}
