using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>A TCP connection made from inside a namespace to an <see cref="EchoServer"/>, kept open for later checks.</summary>
internal sealed class EchoClient : IDisposable
{
    private static readonly TimeSpan IoDeadline = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private EchoClient(Socket socket, string server)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.ASCII);
        Server = server;
    }

    /// <summary>Name the server greeted with: which backend took the connection.</summary>
    public string Server { get; }

    public static async Task<EchoClient> ConnectAsync(NetNamespace ns, IPEndPoint target, CancellationToken cancellationToken)
    {
        var socket = await ns.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(IoDeadline);
            await socket.ConnectAsync(target, deadline.Token);
            var greeting = await ReadLineAsync(socket, deadline.Token);
            return new EchoClient(socket, greeting);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Which backend answers a fresh connection (the connection is closed again).</summary>
    public static async Task<string> WhoAnswersAsync(NetNamespace ns, IPEndPoint target, CancellationToken cancellationToken)
    {
        using var client = await ConnectAsync(ns, target, cancellationToken);
        return client.Server;
    }

    /// <summary>Which backend answers a datagram from a fresh socket (a new conntrack flow each time).</summary>
    public static async Task<string> WhoAnswersUdpAsync(NetNamespace ns, IPEndPoint target, CancellationToken cancellationToken)
    {
        using var socket = await ns.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp), cancellationToken);
        var buffer = new byte[512];
        for (var attempt = 0; ; attempt++)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(2));
            await socket.SendToAsync("?"u8.ToArray(), target, cancellationToken);
            try
            {
                var received = await socket.ReceiveAsync(buffer, deadline.Token);
                return Encoding.ASCII.GetString(buffer, 0, received);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < 4)
            {
                // a lost datagram is retried on the same flow
            }
        }
    }

    /// <summary>Sends a line and returns the echo ("server:line"): proves the established flow still works.</summary>
    public async Task<string> EchoAsync(string line, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(IoDeadline);
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), deadline.Token);
        return await _reader.ReadLineAsync(deadline.Token) ?? throw new IOException("connection closed");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        _socket.Dispose();
    }

    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await socket.ReceiveAsync(one, cancellationToken) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
