using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Swarm.Tests.Load;

/// <summary>
/// A small real HTTP/1.1 server on loopback whose answers the load generator's tests choose by path:
/// <c>/status/CODE</c> answers CODE, <c>/reset</c> resets the connection after reading the request, <c>/hang</c> never
/// answers, anything else answers 200 with the length of the body received. Connections stay open unless the client
/// asks to close them; the server counts connections and requests (with their bodies).
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _accepting;
    private int _accepted;

    public LoopbackHttpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _accepted);

    /// <summary>"METHOD PATH BODY" of every request read so far.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static Uri ClosedPortUrl(string path)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}{path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll(_connections.Append(_accepting)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            while (await ReadRequestAsync(reader) is { } request)
            {
                _requests.Enqueue($"{request.Method} {request.Path} {request.Body}");
                if (request.Path == "/reset")
                {
                    socket.LingerState = new LingerOption(true, 0); // close with RST
                    return;
                }

                if (request.Path == "/hang")
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                var status = request.Path.StartsWith("/status/", StringComparison.Ordinal) ? int.Parse(request.Path["/status/".Length..], CultureInfo.InvariantCulture) : 200;
                var body = $"received {request.Body.Length}\n";
                var head = $"HTTP/1.1 {status} X\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n{(request.Close ? "Connection: close\r\n" : string.Empty)}\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head + body), _stop.Token);
                if (request.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // the client went away, or the server is stopping
        }
    }

    private async Task<Request?> ReadRequestAsync(StreamReader reader)
    {
        var line = await reader.ReadLineAsync(_stop.Token);
        if (string.IsNullOrEmpty(line))
        {
            return null;
        }

        var parts = line.Split(' ');
        var length = 0;
        var close = false;
        while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
            length = name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ? int.Parse(value, CultureInfo.InvariantCulture) : length;
            close |= name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase);
        }

        var body = new char[length];
        if (length > 0)
        {
            // (an empty read would wait for data that never comes)
            await reader.ReadBlockAsync(body, _stop.Token);
        }

        return new Request(parts[0], parts[1], new string(body), close);
    }

    private sealed record Request(string Method, string Path, string Body, bool Close);
}
