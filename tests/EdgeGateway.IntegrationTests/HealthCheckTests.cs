using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Active health checks take an unhealthy task out of rotation and put it back when it recovers.</summary>
public sealed class HealthCheckTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private const int Window = 30;

    [Fact]
    public async Task Get_TaskTurnsUnhealthyThenRecovers_OutOfRotationThenBack()
    {
        var patient = fixture.Tasks[1];
        Assert.Contains(patient.Name, await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window));

        await patient.SetHealthyAsync(false);
        var outAfter = await Eventually.HoldsAsync(
            $"{patient.Name} gets none of {Window} consecutive requests",
            async () => !(await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window)).Contains(patient.Name));
        // Its /health fails but it still serves every other path, so only the active check can have removed it.
        Assert.DoesNotContain(patient.Name, await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window));

        await patient.SetHealthyAsync(true);
        var backAfter = await Eventually.HoldsAsync(
            $"{patient.Name} answers again",
            async () => (await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", Window)).Contains(patient.Name));

        output.WriteLine($"out of rotation after {outAfter.TotalSeconds:0.0} s, back after {backAfter.TotalSeconds:0.0} s");
    }
}
