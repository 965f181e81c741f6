using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// Real HTTP against the published port. Every request uses a new client connection (Connection: close), so the
/// mesh chooses a gateway task for each; bursts run in parallel so the gateways open several upstream connections.
/// </summary>
public sealed class Traffic : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(3) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>One GET; returns the answering task's hostname, or throws with what went wrong.</summary>
    public async Task<string> HostnameAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = true;
        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        return body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Hostname: ", StringComparison.Ordinal))?["Hostname: ".Length..]
            ?? throw new HttpRequestException($"GET {url}: no 'Hostname:' line in the answer: {body}");
    }

    /// <summary>
    /// Sends bursts of parallel GETs until every expected hostname has answered or the deadline passes; returns the
    /// hostnames seen and how long it took.
    /// </summary>
    public async Task<(IReadOnlySet<string> Seen, TimeSpan Elapsed)> UntilAllAnswerAsync(Uri url, IReadOnlySet<string> expected, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (!expected.IsSubsetOf(seen) && clock.Elapsed < deadline)
        {
            var burst = Enumerable.Range(0, 12).Select(async _ =>
            {
                try
                {
                    return await HostnameAsync(url, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
            });
            foreach (var hostname in await Task.WhenAll(burst).ConfigureAwait(false))
            {
                if (hostname is not null)
                {
                    seen.Add(hostname);
                }
            }
        }

        return (seen, clock.Elapsed);
    }

    /// <summary>True when a GET fails to get any answer (connection refused, reset or timed out).</summary>
    public async Task<bool> FailsAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await HostnameAsync(url, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();
}
