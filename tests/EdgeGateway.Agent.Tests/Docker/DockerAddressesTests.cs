using System.Net;
using EdgeGateway.Agent.Docker;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerAddressesTests
{
    [Fact]
    public void WithoutPrefix_AddressWithPrefix_Address() =>
        Assert.Equal(IPAddress.Parse("10.0.1.5"), DockerAddresses.WithoutPrefix("10.0.1.5/24", "service 'x' VIP"));

    [Fact]
    public void WithoutPrefix_NotAnAddress_ErrorNamesWhatAndValue()
    {
        var error = Assert.Throws<DockerStateException>(() => DockerAddresses.WithoutPrefix("bogus/24", "service 'x' VIP"));
        Assert.Equal("service 'x' VIP: 'bogus/24' is not an address", error.Message);
    }

    [Fact]
    public void Subnet_NotASubnet_ErrorNamesWhatAndValue()
    {
        var error = Assert.Throws<DockerStateException>(() => DockerAddresses.Subnet("10.0.1.0", "network 'edge' subnet"));
        Assert.Equal("network 'edge' subnet: '10.0.1.0' is not a subnet", error.Message);
    }
}
