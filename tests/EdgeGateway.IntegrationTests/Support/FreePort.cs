using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Picks TCP ports that nothing listens on, on every given loopback address.</summary>
public static class FreePort
{
    public static int OnAll(params IPAddress[] addresses)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Pick(addresses[0]);
            if (addresses.Skip(1).All(a => IsFree(a, port)))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no TCP port is free on every requested loopback address");
    }

    public static int Pick(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
