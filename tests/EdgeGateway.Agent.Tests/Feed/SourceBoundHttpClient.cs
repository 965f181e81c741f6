using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>
/// An HTTP client whose connections leave from a chosen local address, e.g. 127.0.0.2 (Linux routes all of 127/8 to
/// lo), so a loopback server sees a client address of the test's choosing.
/// </summary>
internal static class SourceBoundHttpClient
{
    public static HttpClient Create(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
