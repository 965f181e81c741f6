using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>Proves reachability without ping: a TCP listener in one namespace, a connect and echo from another.</summary>
internal static class TcpProbe
{
    public static async Task<string> ConnectAndEchoAsync(NetNamespace server, IPAddress address, NetNamespace client, CancellationToken cancellationToken)
    {
        using var listener = await server.RunAsync(() =>
        {
            var l = new TcpListener(address, 0);
            l.Start();
            return l;
        }, cancellationToken);
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        var accepted = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync(cancellationToken);
            var buffer = new byte[64];
            var n = await peer.ReceiveAsync(buffer, cancellationToken);
            await peer.SendAsync(Encoding.ASCII.GetBytes("echo " + Encoding.ASCII.GetString(buffer, 0, n)), cancellationToken);
        }, cancellationToken);

        // The socket is created inside the client namespace; after that it can be used from any thread.
        using var socket = await client.RunAsync(() => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(endpoint, timeout.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes("hello"), timeout.Token);
        var reply = new byte[64];
        var length = await socket.ReceiveAsync(reply, timeout.Token);
        await accepted;
        return Encoding.ASCII.GetString(reply, 0, length);
    }
}
