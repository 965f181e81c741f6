using EdgeGateway.Discovery;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Discovery;

public class EndpointModesTests
{
    [Theory]
    [InlineData("vip", nameof(EndpointMode.Vip))]
    [InlineData("VIP", nameof(EndpointMode.Vip))]
    [InlineData(" dnsrr ", nameof(EndpointMode.Dnsrr))]
    [InlineData("DnsRR", nameof(EndpointMode.Dnsrr))]
    public void TryParse_KnownMode_Parsed(string text, string expected)
    {
        Assert.True(EndpointModes.TryParse(text, out var mode));
        Assert.Equal(expected, mode.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tasks")]
    [InlineData("round-robin")]
    [InlineData(null)]
    public void TryParse_UnknownMode_Rejected(string? text)
    {
        Assert.False(EndpointModes.TryParse(text, out _));
    }

    [Fact]
    public void RawValue_MetadataKeyInAnyCase_Found()
    {
        var cluster = new ClusterConfig { ClusterId = "c", Metadata = new Dictionary<string, string> { ["endpointmode"] = "dnsrr" } };

        Assert.Equal("dnsrr", EndpointModes.RawValue(cluster));
        Assert.True(EndpointModes.IsSwarm(cluster));
        Assert.False(EndpointModes.IsSwarm(new ClusterConfig { ClusterId = "plain" }));
    }
}
