namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// A few workers sending GETs back to back until stopped, counting answers and failures (with the first errors).
/// </summary>
public sealed class SteadyLoad(Traffic traffic, Uri url, int workers = 4) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _errors = [];
    private Task? _running;
    private long _sent;
    private long _failed;
    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

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
            try
            {
                await traffic.HostnameAsync(url, CancellationToken.None).ConfigureAwait(false);
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
        }
    }
}
