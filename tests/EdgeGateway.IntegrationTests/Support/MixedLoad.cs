using System.Collections.Concurrent;
using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>
/// Clients sending GETs and POSTs (half each) through the gateway back to back, each on its own keep-alive
/// connection pool, counting requests per method and recording every failure (an error or a non-200 answer).
/// </summary>
public sealed class MixedLoad : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _gets;
    private int _posts;

    public MixedLoad(Uri gateway, string host, string path, int concurrency) =>
        _workers = [.. Enumerable.Range(0, concurrency).Select(i => Task.Run(() => RunAsync(gateway, host, path, post: i % 2 == 1)))];

    public int Gets => Volatile.Read(ref _gets);

    public int Posts => Volatile.Read(ref _posts);

    public int Completed => Gets + Posts;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Waits until <paramref name="count"/> more requests completed than when it was called.</summary>
    public Task<TimeSpan> CompleteMoreAsync(int count)
    {
        var target = Completed + count;
        return Eventually.HoldsAsync($"{count} more requests complete under load", () => Task.FromResult(Completed >= target), TimeSpan.FromSeconds(120));
    }

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(Uri gateway, string host, string path, bool post)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        var method = post ? HttpMethod.Post : HttpMethod.Get;
        var sent = 0;
        while (!_stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Host = host;
            if (post)
            {
                request.Content = new StringContent($"order {++sent}");
            }

            try
            {
                using var response = await client.SendAsync(request, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _failures.Enqueue($"{method} {(int)response.StatusCode}: {body.Trim()}");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                _failures.Enqueue($"{method} {e.GetType().Name}: {e.Message}");
            }

            Interlocked.Increment(ref post ? ref _posts : ref _gets);
        }
    }
}
