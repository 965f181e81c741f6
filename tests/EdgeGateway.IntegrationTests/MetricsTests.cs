using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Prometheus metrics on the admin listener, with route/cluster/code labels; never on the public one.</summary>
public sealed class MetricsTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Metrics_AfterTraffic_CountRequestsByRouteClusterAndCode()
    {
        await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", 5);
        var failing = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/?status=503");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.Status);

        // A request is counted once its response is complete, which may be just after the client has it.
        var metrics = PrometheusText.Parse("");
        await Eventually.HoldsAsync("5 GETs of route api counted as 200 and the 503 of cluster whoami counted", async () =>
        {
            metrics = PrometheusText.Parse(await fixture.Gateway.MetricsAsync());
            return metrics.Sum("edge_service_requests_total", ("route", "api"), ("cluster", "whoami-dnsrr"), ("code", "200"), ("method", "GET")) >= 5
                && metrics.Sum("edge_service_requests_total", ("route", "vip"), ("cluster", "whoami"), ("code", "503")) >= 1;
        });

        var requests = metrics.Samples.Where(s => s.Name == "edge_service_requests_total").ToList();
        output.WriteLine(string.Join('\n', requests));
        Assert.Contains(metrics.Samples, s => s.Name == "edge_service_request_duration_seconds_bucket" && s.Labels.ContainsKey("cluster"));
        Assert.All(requests, s => Assert.DoesNotContain(s.Labels.Values, v => v.StartsWith('/')));
    }

    [Fact]
    public async Task Metrics_DnsrrCluster_EveryTaskReportedUp()
    {
        await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", 3);

        var metrics = PrometheusText.Parse(await fixture.Gateway.MetricsAsync());

        var up = metrics.Of("edge_service_server_up", ("cluster", "whoami-dnsrr")).ToList();
        output.WriteLine(string.Join('\n', up));
        foreach (var task in fixture.Tasks)
        {
            Assert.Contains(up, s => s.Labels["destination"].Contains(task.Address.ToString(), StringComparison.Ordinal) && s.Value == 1);
        }
    }

    [Fact]
    public async Task Metrics_OnPublicListener_NotExposed()
    {
        foreach (var host in new[] { RoutesFile.Host, "unknown.test", "127.0.0.1" })
        {
            var response = await EchoResponse.GetAsync(fixture.Gateway.Public, host, "/metrics");

            Assert.DoesNotContain("edge_", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("# TYPE", response.Body, StringComparison.Ordinal);
        }

        using var admin = await fixture.Gateway.Admin.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }
}
