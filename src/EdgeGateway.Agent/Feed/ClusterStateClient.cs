using System.Net;
using EdgeGateway.Agent.State;

namespace EdgeGateway.Agent.Feed;

/// <summary>Reads <c>/v1/cluster-state</c> from another agent's admin listener, long polling for a newer version.</summary>
internal sealed class ClusterStateClient(HttpClient http)
{
    /// <summary>The server's long poll plus a margin: a request that takes longer than this is lost.</summary>
    public static readonly TimeSpan RequestTimeout = ClusterStateEndpoint.LongPollLimit + TimeSpan.FromSeconds(10);

    /// <summary>An unreachable manager fails fast, so the next one is tried soon.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            Timeout = RequestTimeout,
        };

    /// <summary>
    /// The state at <paramref name="agent"/> (an admin base URL) when its version differs from <paramref name="after"/>,
    /// waiting up to the server's long poll; null when nothing newer came. Throws <see cref="HttpRequestException"/> when
    /// the agent cannot be reached, <see cref="ClusterStateFeedException"/> or <see cref="StateFileException"/> when its
    /// answer is not a valid state.
    /// </summary>
    public async Task<VersionedState?> GetAsync(Uri agent, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var url = StateUrl(agent, after);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ClusterStateFeedException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}");
        }

        var version = response.Headers.ETag?.Tag.Trim('"');
        if (string.IsNullOrEmpty(version))
        {
            throw new ClusterStateFeedException($"{url}: the answer has no ETag (the state's version)");
        }

        return new VersionedState(version, StateFileReader.Parse(body, url.ToString()));
    }

    public static Uri StateUrl(Uri agent, string? after)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var builder = new UriBuilder(agent) { Path = ClusterStateEndpoint.Path, Query = after is null ? string.Empty : $"after={Uri.EscapeDataString(after)}" };
        return builder.Uri;
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : $"{line[..200]}...";
    }
}
