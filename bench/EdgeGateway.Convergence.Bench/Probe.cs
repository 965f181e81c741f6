using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdgeGateway.Convergence.Bench;

/// <summary>
/// Steady GETs to one URL, each on a new client connection (so the mesh chooses a gateway task each time), noting
/// when each task hostname first answered and when requests failed, on the benchmark's clock.
/// </summary>
internal sealed class Probe : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentDictionary<string, TimeSpan> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(TimeSpan At, string What)> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public Probe(string name, Uri url, Stopwatch clock, int workers = 2)
    {
        Name = name;
        _running = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(url, clock))));
    }

    public string Name { get; }

    public TimeSpan? FirstSeen(string hostname) => _firstSeen.TryGetValue(hostname, out var at) ? at : null;

    public IReadOnlyCollection<string> Hostnames => [.. _firstSeen.Keys];

    public int FailuresBetween(TimeSpan from, TimeSpan to) => _failures.Count(f => f.At >= from && f.At <= to);

    /// <summary>What the failed requests between the two times got, for the progress log.</summary>
    public IEnumerable<string> FailureDetails(TimeSpan from, TimeSpan to) => _failures.Where(f => f.At >= from && f.At <= to).Select(f => $"{f.At.TotalSeconds:F1} s: {f.What}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task WorkAsync(Uri url, Stopwatch clock)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                using var response = await _http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
                var hostname = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Hostname: ", StringComparison.Ordinal))?["Hostname: ".Length..];
                if (response.IsSuccessStatusCode && hostname is not null)
                {
                    _firstSeen.TryAdd(hostname, clock.Elapsed);
                }
                else
                {
                    _failures.Enqueue((clock.Elapsed, $"{(int)response.StatusCode} {body.Trim()[..Math.Min(body.Trim().Length, 200)]}"));
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                _failures.Enqueue((clock.Elapsed, $"{e.GetType().Name}: {e.Message}"));
            }

            try
            {
                await Task.Delay(20, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
