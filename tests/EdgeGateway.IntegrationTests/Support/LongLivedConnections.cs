using System.Net.WebSockets;
using System.Text;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>
/// A WebSocket to whoami's <c>/ws</c> echo and a slow chunked <c>/stream</c>, both opened through the gateway for one
/// host and kept open while a test changes something else; then both must still work to the end.
/// </summary>
public sealed class LongLivedConnections : IAsyncDisposable
{
    /// <summary>Stream length: 30 lines, one every 200 ms, so it outlives the changes a test makes.</summary>
    public const int StreamLines = 30;

    private readonly ClientWebSocket _socket;
    private readonly HttpResponseMessage _stream;
    private readonly StreamReader _lines;

    private LongLivedConnections(ClientWebSocket socket, HttpResponseMessage stream, StreamReader lines)
    {
        _socket = socket;
        _stream = stream;
        _lines = lines;
    }

    /// <summary>The tasks carrying the WebSocket and the stream (whoami's <c>X-Whoami-Name</c>).</summary>
    public IReadOnlySet<string> Tasks { get; private init; } = new HashSet<string>();

    /// <summary>Opens both on <paramref name="host"/>; <paramref name="pathPrefix"/> selects a route such as <c>/dnsrr</c>.</summary>
    public static async Task<LongLivedConnections> OpenAsync(GatewayProcess gateway, string host, string pathPrefix = "")
    {
        var cancel = TestContext.Current.CancellationToken;
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Host", host);
        await socket.ConnectAsync(new UriBuilder(gateway.PublicUri) { Scheme = "ws", Path = pathPrefix + "/ws" }.Uri, cancel);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{pathPrefix}/stream?count={StreamLines}&interval=200");
        request.Headers.Host = host;
        var stream = await gateway.Public.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        var lines = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel), Encoding.UTF8);
        Assert.Equal($"chunk 1/{StreamLines}", await lines.ReadLineAsync(cancel));
        var connections = new LongLivedConnections(socket, stream, lines)
        {
            Tasks = new HashSet<string>([NameOf(socket.HttpResponseHeaders), .. stream.Headers.GetValues("X-Whoami-Name")]),
        };
        await connections.EchoAsync("opened");
        return connections;
    }

    /// <summary>The WebSocket still echoes, and the stream delivers every remaining line and ends cleanly.</summary>
    public async Task AssertSurvivedAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        await EchoAsync("still there");
        for (var i = 2; i <= StreamLines; i++)
        {
            Assert.Equal($"chunk {i}/{StreamLines}", await _lines.ReadLineAsync(cancel));
        }

        Assert.Null(await _lines.ReadLineAsync(cancel));
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancel);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, _socket.CloseStatus);
    }

    public ValueTask DisposeAsync()
    {
        _lines.Dispose();
        _stream.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string NameOf(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers is not null && headers.TryGetValue("X-Whoami-Name", out var values) ? values.Single() : "(unnamed)";

    private async Task EchoAsync(string text)
    {
        var cancel = TestContext.Current.CancellationToken;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancel);
        var buffer = new byte[256];
        var received = await _socket.ReceiveAsync(buffer, cancel);
        Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, received.Count));
    }
}
