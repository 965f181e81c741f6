using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>
/// A TCP server inside a namespace that answers every message with its own name, keeping connections open, so a
/// test can tell which backend a connection reached and whether an established connection still works.
/// </summary>
internal sealed class NamedEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _connections = [];
    private readonly Task _accepting;

    private NamedEchoServer(string name, TcpListener listener)
    {
        Name = name;
        _listener = listener;
        _accepting = AcceptAsync();
    }

    public string Name { get; }

    public static async Task<NamedEchoServer> StartAsync(NetNamespace ns, string name, int port)
    {
        var listener = await ns.RunAsync(() =>
        {
            var l = new TcpListener(IPAddress.Any, port);
            l.Start();
            return l;
        });
        return new NamedEchoServer(name, listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(socket);
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(buffer, _stop.Token) > 0)
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes(Name), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test ended or the client went away.
        }
    }
}

/// <summary>A client connection to a <see cref="NamedEchoServer"/>, opened from inside a namespace.</summary>
internal sealed class NamedEchoClient : IDisposable
{
    private readonly Socket _socket;

    private NamedEchoClient(Socket socket) => _socket = socket;

    public static async Task<NamedEchoClient> ConnectAsync(NetNamespace ns, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = await ns.RunAsync(() => new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(endpoint, timeout.Token);
        return new NamedEchoClient(socket);
    }

    /// <summary>Sends a message and returns the name of the server that answered.</summary>
    public async Task<string> AskAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await _socket.SendAsync(Encoding.ASCII.GetBytes("who"), timeout.Token);
        var buffer = new byte[256];
        var n = await _socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    public void Dispose() => _socket.Dispose();
}
