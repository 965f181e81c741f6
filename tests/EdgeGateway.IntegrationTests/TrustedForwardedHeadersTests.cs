using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>A client inside --trusted-networks (a proxy in front) keeps its forwarding chain, extended by the gateway.</summary>
public sealed class TrustedForwardedHeadersTests(TrustedForwardedHeadersTests.TrustingLoopback fixture)
    : IClassFixture<TrustedForwardedHeadersTests.TrustingLoopback>
{
    [Fact]
    public async Task Get_ForwardedChainFromTrustedClient_KeptAndExtended()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/", request =>
            request.Headers.Add("X-Forwarded-For", "203.0.113.66"));

        Assert.Equal("203.0.113.66, 127.0.0.1", string.Join(", ", response.Header("X-Forwarded-For")));
    }

    /// <summary>The standard topology with the test's own address (127.0.0.1) trusted.</summary>
    public sealed class TrustingLoopback : GatewayFixture
    {
        protected override string[] GatewayArguments => ["--trusted-networks", "127.0.0.1/32"];
    }
}
