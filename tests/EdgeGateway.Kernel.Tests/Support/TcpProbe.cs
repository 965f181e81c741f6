using System.Net;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>Proves reachability without ping: an <see cref="EchoServer"/> in one namespace, a connect and echo from another.</summary>
internal static class TcpProbe
{
    private const int Port = 7007;

    /// <summary>Echoes "hello" from <paramref name="client"/> to <paramref name="address"/>; returns "echo:hello" when the path works.</summary>
    public static async Task<string> ConnectAndEchoAsync(NetNamespace server, IPAddress address, NetNamespace client, CancellationToken cancellationToken)
    {
        await using var echo = await EchoServer.StartAsync(server, "echo", Port);
        using var connection = await EchoClient.ConnectAsync(client, new IPEndPoint(address, Port), cancellationToken);
        return await connection.EchoAsync("hello", cancellationToken);
    }
}
