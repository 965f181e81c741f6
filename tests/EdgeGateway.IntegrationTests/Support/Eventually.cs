using System.Diagnostics;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes (convergence, not speed).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Returns how long the condition took to hold; fails the test with <paramref name="what"/> otherwise.</summary>
    public static async Task<TimeSpan> HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < limit)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                last = e;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"not within {limit.TotalSeconds:0} s: {what}" + (last is null ? "" : $" (last error: {last.Message})"));
        return limit;
    }
}
