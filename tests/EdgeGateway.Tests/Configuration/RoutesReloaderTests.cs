using System.Net;
using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests.Configuration;

public class RoutesReloaderTests
{
    private static string Routes(EchoBackend backend, string path, string clusterId = "c") => $$"""
        {
          'Routes': { 'r': { 'ClusterId': '{{clusterId}}', 'Match': { 'Path': '{{path}}' } } },
          'Clusters': { 'c': { 'Destinations': { 'd': { 'Address': 'http://{{backend.EndPoint}}' } } } }
        }
        """;

    [Fact]
    public async Task ReloadAsync_GoodEdit_ServedWithoutRestart()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend, "/old/{**rest}"));

        await gateway.WriteRoutesAsync(Routes(backend, "/new/{**rest}"));

        await Eventually.HoldsAsync("the new route to serve", async () => (await gateway.GetPublicAsync("/new/x")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetPublicAsync("/old/x")).StatusCode);
        Assert.Contains("edge_config_reloads_total 1", await gateway.GetAdminTextAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_BadEdit_LastGoodKeepsServingAndErrorIsShown()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend, "/app/{**rest}"));

        await gateway.WriteRoutesAsync(Routes(backend, "/other/{**rest}", clusterId: "missing"));

        await Eventually.HoldsAsync("the rejected reload to be counted", async () => (await gateway.GetAdminTextAsync("/metrics")).Contains("edge_config_reload_failures_total 1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetPublicAsync("/app/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetPublicAsync("/other/x")).StatusCode);
        var metrics = await gateway.GetAdminTextAsync("/metrics");
        Assert.Contains("edge_config_last_reload_success 0", metrics, StringComparison.Ordinal);
        var status = await gateway.GetAdminTextAsync("/status");
        Assert.Contains("routes.json:2: $.Routes.r.ClusterId: route 'r' refers to unknown cluster 'missing'", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_BadThenFixed_ErrorClearedAndNewConfigServed()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend, "/app/{**rest}"));
        await gateway.WriteRoutesAsync("{ 'Routes': ");
        await Eventually.HoldsAsync("the syntax error to show in /status", async () => (await gateway.GetAdminTextAsync("/status")).Contains("invalid JSON", StringComparison.Ordinal));

        await gateway.WriteRoutesAsync(Routes(backend, "/fixed/{**rest}"));

        await Eventually.HoldsAsync("the fixed file to serve", async () => (await gateway.GetPublicAsync("/fixed/x")).StatusCode == HttpStatusCode.OK);
        Assert.Contains("\"lastErrors\":[]", await gateway.GetAdminTextAsync("/status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadAsync_RequestInFlight_CompletesNormally()
    {
        await using var backend = await EchoBackend.StartAsync("b");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(backend, "/app/{**rest}"));
        var slow = gateway.GetPublicAsync("/app/slow?delay=1500");
        await Eventually.HoldsAsync("the slow request to reach the backend", () => backend.Requests == 1);

        await gateway.WriteRoutesAsync(Routes(backend, "/new/{**rest}"));
        await Eventually.HoldsAsync("the new configuration to serve", async () => (await gateway.GetPublicAsync("/new/x")).StatusCode == HttpStatusCode.OK);

        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GET /app/slow?delay=1500", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
