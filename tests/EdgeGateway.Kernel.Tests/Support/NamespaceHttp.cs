using System.Net.Sockets;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>An HttpClient whose connections are made from inside a namespace (the socket is created there).</summary>
internal static class NamespaceHttp
{
    public static HttpClient Create(NetNamespace ns) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = await ns.RunAsync(() => new Socket(SocketType.Stream, ProtocolType.Tcp), cancellationToken);
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
}
