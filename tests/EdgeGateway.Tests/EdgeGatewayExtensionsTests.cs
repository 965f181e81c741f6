using System.Net;
using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests;

public class EdgeGatewayExtensionsTests
{
    private static string Routes(EchoBackend backend) => $$"""
        {
          'Routes': { 'api': { 'ClusterId': 'api', 'Match': { 'Path': '/api/{**rest}' } } },
          'Clusters': { 'api': { 'Destinations': { 'd1': { 'Address': 'http://{{backend.EndPoint}}' } } } }
        }
        """;

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/status")]
    public async Task UseEdgeGateway_AdminPathOnPublicListener_NotFound(string path)
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        using var plain = await gateway.GetPublicAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.PublicUrl, path));
        request.Headers.Host = gateway.AdminUrl.Authority;
        using var spoofedHost = await gateway.Public.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spoofedHost.StatusCode);
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task UseEdgeGateway_AdminListener_ServesHealthReadinessMetricsAndStatus()
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        Assert.Equal("alive\n", await gateway.GetAdminTextAsync("/healthz"));
        Assert.Equal("ready\n", await gateway.GetAdminTextAsync("/readyz"));
        Assert.Contains("edge_config_last_reload_success 1", await gateway.GetAdminTextAsync("/metrics"), StringComparison.Ordinal);
        var status = await gateway.GetAdminTextAsync("/status");
        Assert.Contains($"\"address\":\"http://{backend.EndPoint}/\"", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseEdgeGateway_RouteOnAdminListener_NotProxied()
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        using var response = await gateway.GetAdminAsync("/api/x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task UseEdgeGateway_MatchedRoute_ProxiedAndCountedWithLabels()
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        var body = await gateway.GetPublicTextAsync("/api/x?q=1");

        Assert.Contains("GET /api/x?q=1", body, StringComparison.Ordinal);
        var metrics = await gateway.GetAdminTextAsync("/metrics");
        Assert.Contains($"edge_service_requests_total{{route=\"api\",cluster=\"api\",destination=\"d1[{backend.EndPoint}]\",method=\"GET\",code=\"200\"}} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseEdgeGateway_ClientGivesUpOnASlowUpstream_Counted()
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(new Uri(gateway.PublicUrl, "/api/slow?delay=5000"), TestContext.Current.CancellationToken));

        await Eventually.HoldsAsync("the abandoned request counted", async () =>
            (await gateway.GetAdminTextAsync("/metrics")).Contains("edge_client_abandoned_requests_total 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseEdgeGateway_UnmatchedPath_NotFoundAndCounted()
    {
        await using var backend = await EchoBackend.StartAsync("api");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend));

        using var response = await gateway.GetPublicAsync("/elsewhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("edge_unmatched_requests_total 1", await gateway.GetAdminTextAsync("/metrics"), StringComparison.Ordinal);
        Assert.Equal(0, backend.Requests);
    }

    [Fact]
    public async Task UseEdgeGateway_InvalidRoutesFile_ThrowsWithEveryError()
    {
        var error = await Assert.ThrowsAsync<GatewayStartupException>(() => GatewayTestHost.StartAsync("""
            {
              'Routes': { 'api': { 'ClusterId': 'nope', 'Match': { 'Path': '/' } } },
              'Clusters': { 'api': { 'Metadata': { 'EndpointMode': 'vipp' }, 'Destinations': { 'd': { 'Address': 'http://api:80' } } } }
            }
            """));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("routes.json:2: $.Routes.api.ClusterId: route 'api' refers to unknown cluster 'nope'", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("routes.json:3: $.Clusters.api.Metadata.EndpointMode: cluster 'api' has bad endpoint mode 'vipp' (expected 'vip' or 'dnsrr')", lines[1], StringComparison.Ordinal);
    }
}
