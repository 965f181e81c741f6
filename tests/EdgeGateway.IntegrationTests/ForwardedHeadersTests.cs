using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Upstreams learn the real client, never what an untrusted client claims about itself.</summary>
public sealed class ForwardedHeadersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_PlainRequest_UpstreamSeesClientAddressProtoAndHost()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/");

        Assert.Equal(["127.0.0.1"], response.Header("X-Forwarded-For"));
        Assert.Equal(["http"], response.Header("X-Forwarded-Proto"));
        Assert.Equal([RoutesFile.Host], response.Header("X-Forwarded-Host"));
    }

    [Fact]
    public async Task Get_SpoofedForwardedHeadersFromUntrustedClient_Replaced()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/", request =>
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.66");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "bank.example");
            request.Headers.Add("Forwarded", "for=203.0.113.66;proto=https");
        });

        Assert.Equal(["127.0.0.1"], response.Header("X-Forwarded-For"));
        Assert.Equal(["http"], response.Header("X-Forwarded-Proto"));
        Assert.Equal([RoutesFile.Host], response.Header("X-Forwarded-Host"));
        Assert.DoesNotContain("203.0.113.66", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("bank.example", response.Body, StringComparison.Ordinal);
    }
}
