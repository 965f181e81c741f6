using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Whoami;

/// <summary>Builds the plain-text answer: who answered and exactly what it received.</summary>
internal static class EchoText
{
    public static string For(HttpRequest request, string name)
    {
        var text = new StringBuilder();
        if (name.Length > 0)
        {
            text.Append("Name: ").AppendLine(name);
        }

        text.Append("Hostname: ").AppendLine(Environment.MachineName);
        foreach (var address in LocalAddresses())
        {
            text.Append("IP: ").AppendLine(address);
        }

        var connection = request.HttpContext.Connection;
        text.Append("RemoteAddr: ").Append(connection.RemoteIpAddress?.ToString()).Append(':').Append(connection.RemotePort).AppendLine();
        text.Append(request.Method).Append(' ')
            .Append(request.PathBase).Append(request.Path).Append(request.QueryString)
            .Append(' ').AppendLine(request.Protocol);
        foreach (var header in request.Headers)
        {
            foreach (var value in header.Value)
            {
                text.Append(header.Key).Append(": ").AppendLine(value);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(address => address.ToString());
}
