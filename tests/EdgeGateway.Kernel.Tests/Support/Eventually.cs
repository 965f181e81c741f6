namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>Convergence checks: poll a condition until it holds or a generous deadline passes (never a timed assertion).</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task HoldsAsync(string what, Func<Task<bool>> condition, Func<string>? diagnostics = null)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (DateTime.UtcNow < until && e is not OperationCanceledException and not Xunit.Sdk.IAssertionException)
            {
                // not there yet: try again
            }

            if (DateTime.UtcNow >= until)
            {
                Assert.Fail($"{what}: not reached within {Deadline.TotalSeconds} s\n{diagnostics?.Invoke()}");
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
