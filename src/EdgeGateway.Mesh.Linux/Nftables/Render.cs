using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>Text forms of plan values in nft syntax.</summary>
internal static class Render
{
    public static string Protocol(L4Protocol protocol) => protocol switch
    {
        L4Protocol.Tcp => "tcp",
        L4Protocol.Udp => "udp",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };

    public static L4Protocol? ParseProtocol(string text) => text switch
    {
        "tcp" => L4Protocol.Tcp,
        "udp" => L4Protocol.Udp,
        _ => null,
    };

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The dataplanes program the IPv4 table only; an IPv6 address is refused with the place it came from.</summary>
    public static string Ipv4(IPAddress address, string where) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? address.ToString()
            : throw new ArgumentException($"{where}: address {address} is not IPv4; the nftables dataplane programs IPv4 only");

    public static void RequirePort(int port, string where)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentException($"{where}: port {port} is out of range 1-65535");
        }
    }
}
