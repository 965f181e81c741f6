using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>A DNSRR cluster spreads requests over every task DNS lists.</summary>
public sealed class BalancingTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_ManyRequestsToDnsrrCluster_EveryTaskGetsAFairShare()
    {
        const int requests = 90;

        var answerers = await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", requests);

        var shares = answerers.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("shares: " + string.Join(", ", shares.Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal(fixture.Tasks.Select(t => t.Name).Order(), shares.Keys.Order());
        // Round robin gives each task a third; allow generous slack for health-check timing.
        Assert.All(shares.Values, count => Assert.InRange(count, requests / fixture.Tasks.Count / 2, requests));
    }
}
