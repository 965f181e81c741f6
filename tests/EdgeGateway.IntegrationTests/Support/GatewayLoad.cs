using System.Collections.Concurrent;
using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>
/// Clients sending requests through the gateway back to back, each on its own keep-alive connection pool: GETs only,
/// or GETs and POSTs (half the clients each). Counts requests per method and records who answered and every failure
/// (an error or a non-200 answer).
/// </summary>
public sealed class GatewayLoad : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _answerers = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _gets;
    private int _posts;

    public GatewayLoad(Uri gateway, string host, string path, int concurrency, bool withPosts = false) =>
        _workers = [.. Enumerable.Range(0, concurrency).Select(i => Task.Run(() => RunAsync(gateway, host, path, post: withPosts && i % 2 == 1)))];

    public int Gets => Volatile.Read(ref _gets);

    public int Posts => Volatile.Read(ref _posts);

    public int Completed => Gets + Posts;

    /// <summary>The whoami task behind every answer, in order.</summary>
    public IReadOnlyCollection<string> Answerers => _answerers;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Waits until <paramref name="count"/> more requests completed than when it was called.</summary>
    public Task<TimeSpan> CompleteMoreAsync(int count)
    {
        var target = Completed + count;
        return Eventually.HoldsAsync($"{count} more requests complete under load", () => Task.FromResult(Completed >= target), TimeSpan.FromSeconds(120));
    }

    /// <summary>Stops the clients and waits for their last requests; safe to call more than once.</summary>
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
                var answer = new EchoResponse(response.StatusCode, await response.Content.ReadAsStringAsync(_stop.Token));
                if (answer.Status == HttpStatusCode.OK)
                {
                    _answerers.Enqueue(answer.TaskName ?? "(not whoami)");
                }
                else
                {
                    _failures.Enqueue($"{method} {(int)answer.Status}: {answer.Body.Trim()}");
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
