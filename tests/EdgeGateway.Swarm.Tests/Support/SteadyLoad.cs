using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>One request of a <see cref="SteadyLoad"/>: when it was sent and ended (Stopwatch timestamps), and whether it got its answer.</summary>
public sealed record LoadRequest(long Sent, long Ended, bool Answered)
{
    public TimeSpan Took => Stopwatch.GetElapsedTime(Sent, Ended);
}

/// <summary>
/// A few workers sending GETs back to back until stopped, counting answers and failures (with the first errors),
/// the requests in flight, and every request's timing.
/// </summary>
public sealed class SteadyLoad(Traffic traffic, Uri url, int workers = 4) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _errors = [];
    private readonly ConcurrentQueue<LoadRequest> _requests = new();
    private Task? _running;
    private long _sent;
    private long _failed;
    private long _inFlight;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Requests sent and not yet answered or failed.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The requests that ended so far.</summary>
    public IReadOnlyList<LoadRequest> Requests => [.. _requests];

    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)));

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _sent);
            Interlocked.Increment(ref _inFlight);
            var sent = Stopwatch.GetTimestamp();
            var answered = false;
            try
            {
                await traffic.HostnameAsync(url, CancellationToken.None).ConfigureAwait(false);
                answered = true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failed);
                lock (_errors)
                {
                    if (_errors.Count < 5)
                    {
                        _errors.Add(e.Message);
                    }
                }
            }
            finally
            {
                _requests.Enqueue(new LoadRequest(sent, Stopwatch.GetTimestamp(), answered));
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
