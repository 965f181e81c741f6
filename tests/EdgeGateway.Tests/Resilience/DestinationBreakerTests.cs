using System.Collections.Concurrent;
using EdgeGateway.Resilience;
using EdgeGateway.Tests.Support;
using Polly.CircuitBreaker;

namespace EdgeGateway.Tests.Resilience;

public sealed class DestinationBreakerTests
{
    private readonly ConcurrentQueue<CircuitState> _changes = new();

    [Fact]
    public void Report_FailuresReachThreshold_Opens()
    {
        var breaker = Breaker(TimeSpan.FromMinutes(5));

        breaker.Report(failed: true);
        Assert.True(breaker.IsClosed);
        breaker.Report(failed: true);

        Assert.False(breaker.IsClosed);
        Assert.Equal([CircuitState.Open], _changes);
    }

    [Fact]
    public void Report_SuccessesKeepRatioLow_StaysClosed()
    {
        var breaker = Breaker(TimeSpan.FromMinutes(5));

        foreach (var failed in new[] { false, false, true, false, false })
        {
            breaker.Report(failed);
        }

        Assert.True(breaker.IsClosed);
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task TryBeginTrialAsync_BreakNotOver_Refused()
    {
        var breaker = OpenBreaker(TimeSpan.FromMinutes(5));

        Assert.Null(await breaker.TryBeginTrialAsync());
    }

    [Fact]
    public async Task TryBeginTrialAsync_BreakOver_AdmitsExactlyOneTrialAtATime()
    {
        var breaker = OpenBreaker(TimeSpan.FromMilliseconds(500));

        var trial = await TrialAsync(breaker);

        Assert.Null(await breaker.TryBeginTrialAsync());
        Assert.False(breaker.IsClosed);
        trial.Complete(failed: false);
        await Eventually.HoldsAsync("circuit closed after the trial", () => breaker.IsClosed);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], _changes);
    }

    [Fact]
    public async Task TryBeginTrialAsync_TrialFails_ReopensForAnotherBreak()
    {
        var breaker = OpenBreaker(TimeSpan.FromMilliseconds(500));
        var trial = await TrialAsync(breaker);

        trial.Complete(failed: true);

        await Eventually.HoldsAsync("circuit re-opened after the trial", () => _changes.Count == 3);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open], _changes);
        Assert.False(breaker.IsClosed);
    }

    private DestinationBreaker Breaker(TimeSpan breakDuration) => new(
        new CircuitBreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5, SamplingDuration = TimeSpan.FromMinutes(5), BreakDuration = breakDuration },
        TimeProvider.System,
        _changes.Enqueue);

    private DestinationBreaker OpenBreaker(TimeSpan breakDuration)
    {
        var breaker = Breaker(breakDuration);
        breaker.Report(failed: true);
        breaker.Report(failed: true);
        Assert.False(breaker.IsClosed);
        return breaker;
    }

    private static async Task<CircuitTrial> TrialAsync(DestinationBreaker breaker)
    {
        CircuitTrial? trial = null;
        await Eventually.HoldsAsync("a trial admitted after the break", async () => (trial = await breaker.TryBeginTrialAsync()) is not null);
        return trial!;
    }
}
