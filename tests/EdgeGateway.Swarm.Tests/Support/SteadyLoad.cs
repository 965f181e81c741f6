using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// A few workers sending GETs back to back until stopped, counting answers and failures (with the first errors),
/// the requests in flight, and when the failure that ended last was sent and ended (<see cref="Stopwatch"/> timestamps).
/// </summary>
public sealed class SteadyLoad(Traffic traffic, Uri url, int workers = 4) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _errors = [];
    private Task? _running;
    private long _sent;
    private long _failed;
    private long _inFlight;
    private long _lastFailureSent;
    private long _lastFailureEnded;
    private long _slowestTicks;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Requests sent and not yet answered or failed.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The longest a request took that got its answer (a retransmitted SYN shows here as a second or more).</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>When the failure that ended last was sent and when it failed (Stopwatch timestamps), or null if none failed.</summary>
    public (long Sent, long Ended)? LastFailure
    {
        get
        {
            lock (_errors)
            {
                return _lastFailureEnded == 0 ? null : (_lastFailureSent, _lastFailureEnded);
            }
        }
    }

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
            try
            {
                await traffic.HostnameAsync(url, CancellationToken.None).ConfigureAwait(false);
                var took = Stopwatch.GetElapsedTime(sent).Ticks;
                long slowest;
                while (took > (slowest = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, took, slowest) != slowest)
                {
                    // another worker raised it meanwhile: compare again
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failed);
                lock (_errors)
                {
                    var ended = Stopwatch.GetTimestamp();
                    if (ended > _lastFailureEnded)
                    {
                        (_lastFailureSent, _lastFailureEnded) = (sent, ended);
                    }

                    if (_errors.Count < 5)
                    {
                        _errors.Add(e.Message);
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
