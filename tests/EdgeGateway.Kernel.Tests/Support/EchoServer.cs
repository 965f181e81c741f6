using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// A TCP and UDP server bound inside a namespace (its sockets are made on the namespace's thread and stay there).
/// TCP: greets each connection with "name\n" and echoes every line; UDP: answers every datagram with its name.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket _tcp;
    private readonly Socket _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _connections = [];
    private readonly Task _tcpLoop;
    private readonly Task _udpLoop;

    private EchoServer(string name, Socket tcp, Socket udp)
    {
        Name = name;
        _tcp = tcp;
        _udp = udp;
        _tcpLoop = Task.Run(AcceptLoopAsync);
        _udpLoop = Task.Run(UdpLoopAsync);
    }

    public string Name { get; }

    public static async Task<EchoServer> StartAsync(NetNamespace ns, string name, int port)
    {
        var (tcp, udp) = await ns.RunAsync(() =>
        {
            var t = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            t.Bind(new IPEndPoint(IPAddress.Any, port));
            t.Listen(128);
            var u = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            u.Bind(new IPEndPoint(IPAddress.Any, port));
            return (t, u);
        });
        return new EchoServer(name, tcp, udp);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        _udp.Dispose();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_tcpLoop, _udpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _tcp.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _connections.Add(connection);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: true);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(Name + "\n"), _stop.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{Name}:{line}\n"), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // the test ended or the client went away
        }
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[512];
        var reply = Encoding.ASCII.GetBytes(Name);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _udp.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                await _udp.SendToAsync(reply, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
