using System.Net;
using System.Text.Json.Nodes;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Edits to routes.json apply without a restart; a bad edit keeps the last good configuration serving.</summary>
public sealed class ConfigReloadTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Reload_GoodEdit_NewRouteServesWithoutRestart()
    {
        var pid = fixture.Gateway.Process.Id;

        fixture.Routes.Write(fixture.Routes.Standard(withExtraRoute: true));

        var after = await Eventually.HoldsAsync("the new route extra.test answers", async () =>
            (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ExtraHost, "/")).Status == HttpStatusCode.OK);
        output.WriteLine($"new route served {after.TotalSeconds:0.0} s after the edit");
        Assert.Equal(pid, fixture.Gateway.Process.Id);
        Assert.False(fixture.Gateway.Process.HasExited);
        Assert.Equal("vip", (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/")).TaskName);
    }

    [Fact]
    public async Task Reload_RouteToUnknownCluster_LastGoodKeepsServingAndErrorIsReported()
    {
        var good = fixture.Routes.Standard(withExtraRoute: true);
        fixture.Routes.Write(good);
        await Eventually.HoldsAsync("the good configuration serves extra.test", async () =>
            (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ExtraHost, "/")).Status == HttpStatusCode.OK);
        var failuresBefore = ReloadFailures(PrometheusText.Parse(await fixture.Gateway.MetricsAsync()));

        var bad = fixture.Routes.Standard();
        bad["Routes"]!["broken"] = new JsonObject
        {
            ["ClusterId"] = "no-such-cluster",
            ["Match"] = new JsonObject { ["Hosts"] = new JsonArray("broken.test"), ["Path"] = "/{**catch-all}" },
        };
        fixture.Routes.Write(bad);

        var status = "";
        await Eventually.HoldsAsync("/status shows the reload error naming the unknown cluster", async () =>
        {
            status = await fixture.Gateway.Admin.GetStringAsync("/status");
            return status.Contains("no-such-cluster", StringComparison.Ordinal);
        });
        output.WriteLine("/status: " + status);
        var metrics = PrometheusText.Parse("");
        await Eventually.HoldsAsync("the rejected reload is counted and the last reload marked failed", async () =>
        {
            metrics = PrometheusText.Parse(await fixture.Gateway.MetricsAsync());
            return ReloadFailures(metrics) > failuresBefore && metrics.Of("edge_config_last_reload_success").Any(s => s.Value == 0);
        });
        output.WriteLine("reload metrics: " + string.Join(" | ", ReloadSamples(metrics)));
        // The last good configuration, including the route that the bad edit dropped, still serves.
        Assert.Equal(HttpStatusCode.OK, (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ExtraHost, "/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ApiHost, "/")).Status);
        Assert.Contains(fixture.Routes.FilePath, fixture.GatewayLog, StringComparison.Ordinal);

        fixture.Routes.Write(fixture.Routes.Standard());
        await Eventually.HoldsAsync("a good edit clears the reported error", async () =>
            !(await fixture.Gateway.Admin.GetStringAsync("/status")).Contains("no-such-cluster", StringComparison.Ordinal));
    }

    private static double ReloadFailures(PrometheusText metrics) =>
        metrics.Sum("edge_config_reload_failures_total");

    private static IEnumerable<PrometheusText.Sample> ReloadSamples(PrometheusText metrics) =>
        metrics.Samples.Where(s => s.Name.StartsWith("edge_config_", StringComparison.Ordinal));
}
