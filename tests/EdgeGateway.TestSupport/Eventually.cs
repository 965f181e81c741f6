using System.Collections;
using Xunit;
using Xunit.Sdk;

namespace EdgeGateway.TestSupport;

/// <summary>
/// Convergence checks: polls until a condition holds or a generous deadline passes (never a timed assertion).
/// A failure names what was awaited and the last value or error observed.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    // Quick first looks for in-process state, then a calmer pace for conditions that start processes or send requests.
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);
    private const int LongestDescription = 2000;

    /// <summary>Waits until <paramref name="condition"/> holds; returns how long that took.</summary>
    public static async Task<TimeSpan> HoldsAsync(string what, Func<Task<bool>> condition, TimeSpan? deadline = null, Func<string>? diagnostics = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        await ValueAsync(what, condition, holds => holds, deadline, diagnostics).ConfigureAwait(false);
        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <inheritdoc cref="HoldsAsync(string, Func{Task{bool}}, TimeSpan?, Func{string}?)"/>
    public static Task<TimeSpan> HoldsAsync(string what, Func<bool> condition, TimeSpan? deadline = null, Func<string>? diagnostics = null) =>
        HoldsAsync(what, () => Task.FromResult(condition()), deadline, diagnostics);

    /// <summary>Observes a value until <paramref name="accept"/> takes it, and returns that value.</summary>
    /// <remarks>
    /// An exception from <paramref name="observe"/> counts as "not yet" (a listener still starting), except an
    /// assertion failing inside it (a process that died) and the test's own cancellation, which end the wait at once.
    /// </remarks>
    public static async Task<T> ValueAsync<T>(string what, Func<Task<T>> observe, Func<T, bool> accept, TimeSpan? deadline = null, Func<string>? diagnostics = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var cancellation = TestContext.Current.CancellationToken;
        var started = TimeProvider.System.GetTimestamp();
        var pause = FirstPause;
        var lastSeen = "nothing (no observation finished)";
        Exception? lastError = null;
        while (true)
        {
            try
            {
                var value = await observe().ConfigureAwait(false);
                if (accept(value))
                {
                    return value;
                }

                (lastSeen, lastError) = (Describe(value), null);
            }
            catch (Exception e) when (e is not IAssertionException && !(e is OperationCanceledException && cancellation.IsCancellationRequested))
            {
                (lastSeen, lastError) = ($"{e.GetType().Name}: {e.Message}", e);
            }

            if (TimeProvider.System.GetElapsedTime(started) >= limit)
            {
                var message = $"not within {limit.TotalSeconds:0} s: {what}\nlast observed: {lastSeen}";
                throw new XunitException(diagnostics is null ? message : $"{message}\n{diagnostics()}", lastError);
            }

            await Task.Delay(pause, cancellation).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private static string Describe<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            string s => $"\"{s}\"",
            IEnumerable items => $"[{string.Join(", ", items.Cast<object?>())}]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= LongestDescription ? text : text[..LongestDescription] + " …";
    }
}
