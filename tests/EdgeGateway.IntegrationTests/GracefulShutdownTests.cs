using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>
/// Upstream tasks stopped the way swarm stops them (SIGTERM; whoami drains for its default 5 s, then closes its
/// listener and idle connections) under a steady stream of GETs and POSTs: no client sees a failure.
/// </summary>
public sealed class GracefulShutdownTests(GracefulShutdownTests.WithSpareTask fixture, ITestOutputHelper output) : IClassFixture<GracefulShutdownTests.WithSpareTask>
{
    [Fact]
    public async Task GetAndPost_TasksStoppedWithSigtermUnderLoad_NoRequestFails()
    {
        var spare = fixture.Spares[0];
        var (leaving, lagging) = (fixture.Tasks[0], fixture.Tasks[1]);
        await using var load = new GatewayLoad(fixture.Gateway.PublicUri, RoutesFile.ApiHost, "/", concurrency: 8, withPosts: true);
        await load.CompleteMoreAsync(300);

        // Docker takes a stopping task out of DNS and then sends SIGTERM. Here one task leaves DNS that way; the other
        // is stopped while DNS still lists it, so only its drain, health checks and connect-failure retries cover it.
        fixture.PublishTasks([.. fixture.Tasks.Where(t => t != leaving), spare]);
        var stopped = new[] { WhoamiTaskProcess.IdOf(leaving), WhoamiTaskProcess.IdOf(lagging) };
        foreach (var pid in stopped)
        {
            Signals.Terminate(pid);
        }

        var before = load.Completed;
        await Eventually.HoldsAsync("both stopped tasks exited", () => Task.FromResult(stopped.All(pid => !Signals.IsRunning(pid))), TimeSpan.FromSeconds(60));
        var duringDrain = load.Completed - before;
        await load.CompleteMoreAsync(300);
        await load.StopAsync();

        var retries = PrometheusText.Parse(await fixture.Gateway.MetricsAsync()).Sum("edge_service_retries_total", ("route", "api"), ("cluster", "whoami-dnsrr"));
        output.WriteLine($"| requests | GET | POST | while draining | failed | retries |");
        output.WriteLine($"| {load.Completed} | {load.Gets} | {load.Posts} | {duringDrain} | {load.Failures.Count} | {retries} |");
        Assert.True(load.Failures.Count == 0, "failed requests: " + string.Join("; ", load.Failures.Distinct().Take(5)));
        Assert.True(load.Posts > 0 && load.Gets > 0, "the load sent both GETs and POSTs");
    }

    /// <summary>The standard topology plus one running task that DNS does not list yet.</summary>
    public sealed class WithSpareTask : GatewayFixture
    {
        protected override int SpareCount => 1;
    }
}
