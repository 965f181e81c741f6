using System.Net.Http;
using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests.Forwarding;

public class ForwardedHeadersTransformProviderTests
{
    private static string Routes(EchoBackend backend) => $$"""
        {
          'Routes': { 'all': { 'ClusterId': 'c', 'Match': { 'Path': '/{**rest}' } } },
          'Clusters': { 'c': { 'Destinations': { 'd': { 'Address': 'http://{{backend.EndPoint}}' } } } }
        }
        """;

    private static async Task<string> SendSpoofedAsync(GatewayTestHost gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.PublicUrl, "/x"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Forwarded", "for=203.0.113.9");
        using var response = await gateway.Public.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Apply_UntrustedClient_OwnForwardedHeadersReplaced()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        var echoed = await SendSpoofedAsync(gateway);

        Assert.Contains("X-Forwarded-For: 127.0.0.1\n", echoed, StringComparison.Ordinal);
        Assert.Contains($"X-Forwarded-Host: {gateway.PublicUrl.Authority}\n", echoed, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto: http\n", echoed, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", echoed, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", echoed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_TrustedClient_ChainKeptAndExtended()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend), "--trusted-networks", "10.0.0.0/8,127.0.0.0/8");

        var echoed = await SendSpoofedAsync(gateway);

        Assert.Contains("X-Forwarded-For: 203.0.113.9,127.0.0.1\n", echoed.Replace(", ", ",", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("evil.example", echoed, StringComparison.Ordinal);
    }
}
