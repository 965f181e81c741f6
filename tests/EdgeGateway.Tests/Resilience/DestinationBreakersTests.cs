using System.Net;
using EdgeGateway.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Tests.Resilience;

public sealed class DestinationBreakersTests : IAsyncLifetime
{
    private const string CircuitOfA = "edge_destination_circuit_state{cluster=\"c\",destination=\"a\"}";

    private readonly ResilienceTestRig _rig = new();
    private ResilienceTestBackend _a = null!;
    private ResilienceTestBackend _b = null!;

    public async ValueTask InitializeAsync()
    {
        _a = await Start("a", "127.0.0.2");
        _b = await Start("b", "127.0.0.3");
    }

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task For_DestinationKeepsFailing_CircuitOpensAndDestinationGetsNoTraffic()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(breakDuration: "00:05:00");

        await OpenCircuitOfA(proxy);
        for (var i = 0; i < 5; i++)
        {
            using var response = await proxy.Client.GetAsync("/x", Cancel);
            Assert.Equal("b answered 200", await response.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Equal(2, _a.Hits);
        Assert.Equal(2, await proxy.MetricAsync(CircuitOfA));
    }

    [Fact]
    public async Task For_EveryCircuitOpen_RequestsFailFastWithoutReachingDestination()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(breakDuration: "00:05:00", new() { ["a"] = _a.Address });
        for (var i = 0; i < 2; i++)
        {
            using var failed = await proxy.Client.GetAsync("/x", Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(2, _a.Hits);
    }

    [Fact]
    public async Task For_OpenDestinationRecovers_TrialClosesCircuitAndTrafficReturns()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(breakDuration: "00:00:01");
        await OpenCircuitOfA(proxy);

        _a.Answer(StatusCodes.Status200OK);

        await Eventually.HoldsAsync(
            "'a' answering again",
            async () =>
            {
                using var response = await proxy.Client.GetAsync("/x", Cancel);
                return await response.Content.ReadAsStringAsync(Cancel) == "a answered 200";
            });
        await Eventually.ValueAsync("the circuit of 'a' closed", () => proxy.MetricAsync(CircuitOfA), value => value == 0);
    }

    [Fact]
    public async Task For_TrialFails_CircuitReopensAndTrialRequestIsRetriedElsewhere()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(breakDuration: "00:00:01");
        await OpenCircuitOfA(proxy);

        await Eventually.HoldsAsync(
            "a trial request reaching 'a'",
            async () =>
            {
                using var response = await proxy.Client.GetAsync("/x", Cancel);
                Assert.Equal("b answered 200", await response.Content.ReadAsStringAsync(Cancel));
                return _a.Hits == 3;
            });

        await Eventually.ValueAsync("the circuit of 'a' open again", () => proxy.MetricAsync(CircuitOfA), value => value == 2);
    }

    [Fact]
    public async Task Retain_DestinationLeavesCluster_ItsCircuitSeriesIsRemoved()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(breakDuration: "00:05:00");
        await OpenCircuitOfA(proxy);

        proxy.SetDestinations(new Dictionary<string, Uri> { ["b"] = _b.Address });

        await Eventually.ValueAsync("the circuit series of 'a' removed", () => proxy.MetricAsync(CircuitOfA), value => value is null);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Two failed attempts on 'a' (each retried on 'b') reach the minimum throughput at a 100% failure ratio.</summary>
    private static async Task OpenCircuitOfA(ResilienceTestProxy proxy)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await proxy.Client.GetAsync("/x", Cancel);
            Assert.Equal("b answered 200", await response.Content.ReadAsStringAsync(Cancel));
        }

        await Eventually.ValueAsync("the circuit of 'a' open", () => proxy.MetricAsync(CircuitOfA), value => value == 2);
    }

    private Task<ResilienceTestBackend> Start(string name, string address) => _rig.BackendAsync(name, address);

    private Task<ResilienceTestProxy> Proxy(string breakDuration, Dictionary<string, Uri>? destinations = null) =>
        _rig.ProxyAsync(
            destinations ?? new() { ["a"] = _a.Address, ["b"] = _b.Address },
            new Dictionary<string, string?>
            {
                ["Resilience:CircuitBreaker:MinimumThroughput"] = "2",
                ["Resilience:CircuitBreaker:FailureRatio"] = "0.5",
                ["Resilience:CircuitBreaker:SamplingDuration"] = "00:05:00",
                ["Resilience:CircuitBreaker:BreakDuration"] = breakDuration,
            });
}
