using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Tasks that appear in or vanish from <c>tasks.SERVICE</c> are picked up by re-resolution, not by the 600 s TTL.</summary>
public sealed class DiscoveryTests(DiscoveryTests.WithSpareTask fixture, ITestOutputHelper output) : IClassFixture<DiscoveryTests.WithSpareTask>
{
    private const int Window = 30;

    [Fact]
    public async Task Get_TaskAddedInDns_GetsTraffic()
    {
        var newcomer = fixture.Spares[0];
        Assert.DoesNotContain(newcomer.Name, await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window));

        fixture.PublishTasks([.. fixture.Tasks, newcomer]);
        var after = await Eventually.HoldsAsync(
            $"{newcomer.Name} answers after being added to DNS",
            async () => (await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window)).Contains(newcomer.Name));

        output.WriteLine($"new task got traffic {after.TotalSeconds:0.0} s after it appeared in DNS");
        fixture.PublishTasks();
    }

    [Fact]
    public async Task Get_TaskRemovedFromDns_GetsNoMoreTraffic()
    {
        var leaver = fixture.Tasks[^1];
        fixture.PublishTasks(fixture.Tasks.Where(t => t != leaver));

        var after = await Eventually.HoldsAsync(
            $"{leaver.Name} gets none of {Window} consecutive requests after leaving DNS",
            async () => !(await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window)).Contains(leaver.Name));

        output.WriteLine($"removed task stopped getting traffic {after.TotalSeconds:0.0} s after it left DNS");
        fixture.PublishTasks();
    }

    /// <summary>The standard topology plus one running task that DNS does not list yet.</summary>
    public sealed class WithSpareTask : GatewayFixture
    {
        protected override int SpareCount => 1;
    }
}
