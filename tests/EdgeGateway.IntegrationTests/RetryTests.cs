using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>A task that dies under load costs no client a failed GET: the gateway retries on another task.</summary>
public sealed class RetryTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_TaskKilledMidLoad_NoRequestFails()
    {
        var victim = fixture.Tasks[0];
        await using var load = new GatewayLoad(fixture.Gateway.PublicUri, RoutesFile.ApiHost, "/", concurrency: 8);
        await load.CompleteMoreAsync(300);
        Assert.Contains(victim.Name, load.Answerers);

        // DNS still lists the dead task (as Docker's does for a while): only retries can hide it.
        victim.Kill();
        var answeredBeforeKill = load.Completed;
        await load.CompleteMoreAsync(600);
        await load.StopAsync();

        output.WriteLine($"{load.Completed} requests, {load.Completed - answeredBeforeKill} after the kill, {load.Failures.Count} failed");
        Assert.True(load.Failures.Count == 0, "failed GETs: " + string.Join("; ", load.Failures.Distinct().Take(5)));
        // Proof that requests did hit the dead task and were saved by a retry, not by luck.
        var retries = PrometheusText.Parse(await fixture.Gateway.MetricsAsync()).Sum("edge_service_retries_total", ("route", "api"), ("cluster", "whoami-dnsrr"));
        output.WriteLine($"retries counted: {retries}");
        Assert.True(retries > 0, "no retry was counted although a task died under load");
    }
}
