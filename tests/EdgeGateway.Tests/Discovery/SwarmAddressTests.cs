using EdgeGateway.Discovery;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Tests.Discovery;

public class SwarmAddressTests
{
    [Theory]
    [InlineData("http://whoami:80", "vip", "http://_vip.whoami/")]
    [InlineData("http://whoami-dnsrr:8080/base", "dnsrr", "http://_dnsrr.whoami-dnsrr:8080/base")]
    public void Encode_SwarmDestination_EndpointNameCarriesTheMode(string address, string mode, string expected)
    {
        Assert.Equal(expected, SwarmAddress.Encode(new Uri(address), Enum.Parse<EndpointMode>(mode, ignoreCase: true)));
    }

    [Theory]
    [InlineData("http://_dnsrr.whoami-dnsrr:8080", "whoami-dnsrr", "dnsrr", 8080)]
    [InlineData("http://_vip.whoami", "whoami", "vip", 80)]
    [InlineData("https://_vip.secure", "secure", "vip", 443)]
    public void TryDecode_EncodedQuery_ServiceModeAndPort(string text, string service, string mode, int port)
    {
        Assert.True(ServiceEndpointQuery.TryParse(text, out var query));

        Assert.True(SwarmAddress.TryDecode(query, out var swarm));
        Assert.Equal(new SwarmServiceQuery(service, Enum.Parse<EndpointMode>(mode, ignoreCase: true), port), swarm);
    }

    [Theory]
    [InlineData("http://whoami:80")]
    [InlineData("http://_other.whoami:80")]
    public void TryDecode_NotASwarmQuery_False(string text)
    {
        Assert.True(ServiceEndpointQuery.TryParse(text, out var query));

        Assert.False(SwarmAddress.TryDecode(query, out _));
    }

    [Theory]
    [InlineData("http://whoami:80", true)]
    [InlineData("http://whoami:80/path", true)]
    [InlineData("http://whoami", false)]
    [InlineData("http://whoami/path:80", false)]
    [InlineData("http://[::1]:80", true)]
    [InlineData("http://[::1]", false)]
    public void HasExplicitPort_Address_ReadsTheText(string address, bool expected)
    {
        Assert.Equal(expected, SwarmAddress.HasExplicitPort(address));
    }
}
