using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Forwarding;

namespace EdgeGateway.Tests.Forwarding;

public class UpstreamSocketsTests
{
    private const int TcpUserTimeout = 18;

    [Theory]
    [InlineData(2000)]
    [InlineData(750)]
    public async Task ConnectAsync_Timeout_TheKernelGivesUpOnUnacknowledgedDataThen(int milliseconds)
    {
        var (userTimeout, noDelay) = await ConnectThroughAsync(new UpstreamSockets(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal(milliseconds, userTimeout);
        Assert.True(noDelay);
    }

    [Fact]
    public async Task ConnectAsync_Zero_KernelDefaultKept()
    {
        var (userTimeout, _) = await ConnectThroughAsync(new UpstreamSockets(TimeSpan.Zero));

        Assert.Equal(0, userTimeout);
    }

    [Fact]
    public async Task ConnectAsync_NobodyListening_ConnectionRefused()
    {
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = new UpstreamSockets(TimeSpan.FromSeconds(2)).ConnectAsync });
        using var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var port = ((IPEndPoint)unused.LocalEndpoint).Port;
        unused.Stop();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken));
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    private static int UserTimeoutOf(Socket socket)
    {
        var value = new byte[sizeof(int)];
        socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, value);
        return BitConverter.ToInt32(value);
    }

    /// <summary>Sends one request through a handler using the sockets, to a loopback server; returns how its socket was set.</summary>
    private static async Task<(int UserTimeout, bool NoDelay)> ConnectThroughAsync(UpstreamSockets sockets)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var served = ServeOneAsync(listener);
        NetworkStream? used = null;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var stream = await sockets.ConnectAsync(context, cancellationToken);
                used = (NetworkStream)stream;
                return stream;
            },
        });

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"), TestContext.Current.CancellationToken);
        await served;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var socket = Assert.IsType<NetworkStream>(used).Socket;
        return (UserTimeoutOf(socket), socket.NoDelay);
    }

    private static async Task ServeOneAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
    }
}
