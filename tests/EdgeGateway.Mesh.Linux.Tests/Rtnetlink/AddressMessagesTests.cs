using System.Net;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Rtnetlink;

// struct ifaddrmsg { u8 family; u8 prefixlen; u8 flags; u8 scope; u32 index; }, IFA_ADDRESS = 1, IFA_LOCAL = 2.
public class AddressMessagesTests
{
    [Fact]
    public void Replace_Ipv4_CreateReplaceWithLocalAndAddress()
    {
        Hex.Equal(
            "28000000 1400 0005 01000000 00000000 | 02 18 00 00 04000000 | 0800 0200 0a010203 | 0800 0100 0a010203",
            AddressMessages.Replace(4, IPAddress.Parse("10.1.2.3"), 24).Complete(1));
    }
}
