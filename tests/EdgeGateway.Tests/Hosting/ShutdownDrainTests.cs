using EdgeGateway.Hosting;
using EdgeGateway.Tests.Resilience;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.Hosting;

public class ShutdownDrainTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StoppingAsync_Called_DrainingUntilTheDelayPassed()
    {
        var clock = new ResilienceTestClock();
        var drain = new ShutdownDrain(Delay, clock, NullLogger<ShutdownDrain>.Instance);
        Assert.False(drain.Draining);

        var stopping = drain.StoppingAsync(TestContext.Current.CancellationToken);

        Assert.True(drain.Draining);
        Assert.False(stopping.IsCompleted);
        clock.Advance(Delay);
        await stopping;
        Assert.True(drain.Draining);
    }

    [Fact]
    public async Task StoppingAsync_ShutdownTimeoutRunsOut_ReturnsWithoutWaitingForTheDelay()
    {
        var drain = new ShutdownDrain(Delay, new ResilienceTestClock(), NullLogger<ShutdownDrain>.Instance);
        using var timeout = new CancellationTokenSource();

        var stopping = drain.StoppingAsync(timeout.Token);
        await timeout.CancelAsync();

        await stopping;
        Assert.True(drain.Draining);
    }
}
