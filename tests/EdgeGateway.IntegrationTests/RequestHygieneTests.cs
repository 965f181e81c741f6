using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Hostile or broken requests get a clean 4xx and leave the gateway healthy.</summary>
public sealed class RequestHygieneTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Send_OversizedHeader_Answers431AndStaysHealthy()
    {
        var huge = new string('a', 128 * 1024);

        var answer = await RawHttp.SendAsync(fixture.Gateway.PublicUri, $"GET / HTTP/1.1\r\nHost: {RoutesFile.Host}\r\nX-Big: {huge}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Send_InvalidCharacterInMethod_Answers400AndStaysHealthy()
    {
        var answer = await RawHttp.SendAsync(fixture.Gateway.PublicUri, $"G@T / HTTP/1.1\r\nHost: {RoutesFile.Host}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Send_HeaderLineWithoutColon_Answers400AndStaysHealthy()
    {
        var answer = await RawHttp.SendAsync(fixture.Gateway.PublicUri, $"GET / HTTP/1.1\r\nHost: {RoutesFile.Host}\r\nthis is not a header\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Send_MissingHost_Answers400AndStaysHealthy()
    {
        var answer = await RawHttp.SendAsync(fixture.Gateway.PublicUri, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Send_ConflictingContentLengths_Answers400AndStaysHealthy()
    {
        // Request smuggling shape: two lengths; must never reach an upstream.
        var answer = await RawHttp.SendAsync(fixture.Gateway.PublicUri,
            $"POST / HTTP/1.1\r\nHost: {RoutesFile.Host}\r\nContent-Length: 3\r\nContent-Length: 40\r\nConnection: close\r\n\r\nabc");

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        Assert.False(fixture.Gateway.Process.HasExited);
        using var healthz = await fixture.Gateway.Admin.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("vip", (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/")).TaskName);
    }
}
