using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// A WebSocket to whoami's <c>/ws</c> echo and a slow chunked <c>/stream</c>, both opened through one base address
/// (a node's published port and a route's path prefix) and held open while a test changes other things. The stream
/// is read all along in the background; every chunk must come in order, so a reset or a restarted stream shows.
/// </summary>
public sealed class LongLivedConnections : IAsyncDisposable
{
    // 40 minutes of chunks: the stream outlives any test; disposing ends it early.
    private const int Chunks = 10_000;
    private const int IntervalMs = 250;
    private const string NameHeader = "X-Whoami-Name";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    private readonly string _what;
    private readonly ClientWebSocket _socket;
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _stream;
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _chunks;

    private LongLivedConnections(string what, ClientWebSocket socket, HttpClient client, HttpResponseMessage stream)
    {
        _what = what;
        _socket = socket;
        _client = client;
        _stream = stream;
    }

    /// <summary>Hostname of the whoami task holding the WebSocket (its <c>X-Whoami-Name</c>).</summary>
    public required string SocketHost { get; init; }

    /// <summary>Hostname of the whoami task sending the stream.</summary>
    public required string StreamHost { get; init; }

    public static async Task<LongLivedConnections> OpenAsync(string what, Uri baseUrl)
    {
        var cancel = TestContext.Current.CancellationToken;
        var prefix = baseUrl.AbsolutePath.TrimEnd('/');
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        socket.Options.CollectHttpResponseDetails = true;
        // No client timeout: the response is read for as long as the test runs.
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = Timeout.InfiniteTimeSpan };
        HttpResponseMessage? stream = null;
        try
        {
            await socket.ConnectAsync(new UriBuilder(baseUrl) { Scheme = "ws", Path = prefix + "/ws" }.Uri, cancel);
            stream = await client.GetAsync(new Uri(baseUrl, $"{prefix}/stream?count={Chunks}&interval={IntervalMs}"), HttpCompletionOption.ResponseHeadersRead, cancel);
            stream.EnsureSuccessStatusCode();
            var connections = new LongLivedConnections(what, socket, client, stream)
            {
                SocketHost = NameOf(socket.HttpResponseHeaders),
                StreamHost = stream.Headers.TryGetValues(NameHeader, out var names) ? names.Single() : "(unnamed)",
            };
            connections._reader = connections.ReadChunksAsync(await stream.Content.ReadAsStreamAsync(cancel));
            await connections.AssertAliveAsync("on opening");
            return connections;
        }
        catch
        {
            stream?.Dispose();
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The WebSocket echoes fresh content, and the stream, never broken, delivers new chunks after <paramref name="change"/>.
    /// </summary>
    public async Task AssertAliveAsync(string change)
    {
        var before = Volatile.Read(ref _chunks);
        var text = $"after {change}: {Guid.NewGuid():N}";
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            deadline.CancelAfter(Deadline);
            try
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
                Assert.Equal(text, await ReceiveTextAsync(deadline.Token));
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                Assert.Fail($"{_what}: the WebSocket to {SocketHost} broke {change} ({_socket.State}, {_socket.CloseStatus}): {e.Message}");
            }
        }

        await Eventually.HoldsAsync($"{_what}: the stream from {StreamHost} delivers new chunks {change}", () =>
        {
            if (_reader.IsCompleted)
            {
                Assert.Fail($"{_what}: the stream from {StreamHost} broke {change} after {Volatile.Read(ref _chunks)} chunks: {_reader.Exception?.InnerException?.Message ?? "it ended"}");
            }

            return Volatile.Read(ref _chunks) >= before + 2;
        }, Deadline);
    }

    /// <summary>Closes the WebSocket with a normal close handshake, which must come back.</summary>
    public async Task CloseAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancel);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, _socket.CloseStatus);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or InvalidDataException)
        {
            // the reader's end, or a failure already reported
        }

        _stream.Dispose();
        _client.Dispose();
        _socket.Dispose();
        _stop.Dispose();
    }

    private static string NameOf(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers is not null && headers.TryGetValue(NameHeader, out var values) ? values.Single() : "(unnamed)";

    private async Task<string> ReceiveTextAsync(CancellationToken cancel)
    {
        var buffer = new byte[1024];
        var length = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel);
            length += received.Count;
        }
        while (!received.EndOfMessage && length < buffer.Length);

        return received.MessageType == WebSocketMessageType.Close
            ? throw new WebSocketException($"closed by the other end: {_socket.CloseStatus} {_socket.CloseStatusDescription}")
            : Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Counts the chunks as they come; any chunk out of order, or the end of the stream, stops it with why.</summary>
    private async Task ReadChunksAsync(Stream body)
    {
        using var lines = new StreamReader(body, Encoding.UTF8);
        while (await lines.ReadLineAsync(_stop.Token) is { } line)
        {
            var expected = string.Create(CultureInfo.InvariantCulture, $"chunk {_chunks + 1}/{Chunks}");
            if (line != expected)
            {
                throw new InvalidDataException($"expected '{expected}', got '{line}'");
            }

            Interlocked.Increment(ref _chunks);
        }

        throw new InvalidDataException($"the stream ended after {_chunks} of {Chunks} chunks");
    }
}
