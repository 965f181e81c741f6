using System.Collections.Concurrent;
using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Several clients sending GETs through the gateway back to back, recording who answered and every failure.</summary>
public sealed class LoadLoop : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _answerers = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public LoadLoop(HttpClient client, string host, string path, int concurrency) =>
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => RunAsync(client, host, path)))];

    public int Completed => _answerers.Count + _failures.Count;

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

    private async Task RunAsync(HttpClient client, string host, string path)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var response = await EchoResponse.GetAsync(client, host, path);
                if (response.Status == HttpStatusCode.OK)
                {
                    _answerers.Enqueue(response.TaskName ?? "(not whoami)");
                }
                else
                {
                    _failures.Enqueue($"{(int)response.Status}: {response.Body.Trim()}");
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested && e is HttpRequestException or IOException or TaskCanceledException)
            {
                _failures.Enqueue(e.GetType().Name + ": " + e.Message);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
