using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Discovery.AgentFeed;

/// <summary>
/// Long polls the node agent's <c>/v1/cluster-state?after=VERSION</c>: the agent answers as soon as its state differs
/// from that version, or 304 after 30 s without change.
/// </summary>
internal sealed class AgentFeedClient(AgentFeedEndpoint endpoint) : IDisposable
{
    // The agent's long poll (30 s) plus a margin: an answer that takes longer than this is lost.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(40);

    private readonly HttpClient _http = new(Handler(endpoint)) { Timeout = RequestTimeout };

    public AgentFeedEndpoint Endpoint => endpoint;

    /// <summary>
    /// The agent's state when its version differs from <paramref name="after"/>; null when nothing newer came. Throws
    /// <see cref="HttpRequestException"/> (unreachable), <see cref="TaskCanceledException"/> (no answer in time) or
    /// <see cref="AgentFeedException"/> (an answer that is not a state).
    /// </summary>
    public async Task<AgentTaskView?> GetAsync(string? after, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(endpoint.BaseUrl) { Path = "/v1/cluster-state", Query = after is null ? string.Empty : $"after={Uri.EscapeDataString(after)}" }.Uri;
        using var response = await _http.GetAsync(url, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentFeedException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {body.ReplaceLineEndings(" ").Trim()}");
        }

        var version = response.Headers.ETag?.Tag.Trim('"');
        return string.IsNullOrEmpty(version)
            ? throw new AgentFeedException("the answer has no ETag (the state's version)")
            : AgentTaskView.Parse(version, body);
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler Handler(AgentFeedEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false };
        if (endpoint.UnixSocket is { } path)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}
