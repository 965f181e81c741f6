namespace EdgeGateway.Tests.Support;

/// <summary>Polls a condition until it holds or a generous deadline passes (convergence, not speed).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, deadline);
}
