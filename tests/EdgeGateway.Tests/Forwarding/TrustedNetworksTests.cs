using System.Net;
using EdgeGateway.Forwarding;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Tests.Forwarding;

public class TrustedNetworksTests
{
    private static TrustedNetworks Of(params string[] cidrs) =>
        new(Options.Create(new GatewayOptions { TrustedNetworks = cidrs.Select(c => IPNetwork.Parse(c)).ToList() }));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("fd00::1", true)]
    public void Contains_Address_MatchesConfiguredNetworks(string address, bool expected)
    {
        Assert.Equal(expected, Of("10.0.0.0/8", "fd00::/8").Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_NoNetworksOrNoAddress_False()
    {
        Assert.False(Of().Contains(IPAddress.Loopback));
        Assert.False(Of("0.0.0.0/0").Contains(null));
    }
}
