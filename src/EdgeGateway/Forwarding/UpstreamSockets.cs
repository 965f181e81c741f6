using System.Net.Sockets;

namespace EdgeGateway.Forwarding;

/// <summary>
/// Opens upstream connections whose kernel gives up when sent data stays unacknowledged for
/// <paramref name="unacknowledgedTimeout"/> (TCP_USER_TIMEOUT, Linux). A task killed on the overlay takes its network
/// namespace with it: nothing answers, not even a reset, and a request already sent on a pooled connection would wait
/// for an answer until the client gives up. With the timeout the connection fails with the request unanswered, so an
/// idempotent request goes to another task. A slow upstream is not affected: its kernel acknowledges the request at
/// once, however long the application takes to answer, and an idle or streaming connection has nothing unacknowledged.
/// Zero leaves the kernel's default (retransmit for about 15 minutes).
/// </summary>
internal sealed class UpstreamSockets(TimeSpan unacknowledgedTimeout)
{
    // From <netinet/tcp.h>; .NET has no SocketOptionName for it.
    private const int TcpUserTimeout = 18;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (unacknowledgedTimeout > TimeSpan.Zero && OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpUserTimeout, BitConverter.GetBytes((int)unacknowledgedTimeout.TotalMilliseconds));
            }

            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
