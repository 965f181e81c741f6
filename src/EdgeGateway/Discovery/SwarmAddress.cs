using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

/// <summary>
/// The address convention between the routes file and service discovery. A swarm destination written as
/// <c>http://whoami:80</c> in a cluster with <c>EndpointMode: dnsrr</c> is handed to service discovery as
/// <c>http://_dnsrr.whoami:80</c>: the endpoint-name part (<c>_dnsrr.</c>) tells the swarm provider the mode,
/// the host is the service, and the port travels in the URL.
/// </summary>
internal static class SwarmAddress
{
    /// <summary>Rewrites a destination address for service discovery.</summary>
    public static string Encode(Uri address, EndpointMode mode)
    {
        var builder = new UriBuilder(address) { Host = $"_{EndpointModes.Name(mode)}.{address.Host}" };
        return builder.Uri.ToString();
    }

    /// <summary>Recognises a query made from an encoded address.</summary>
    public static bool TryDecode(ServiceEndpointQuery query, [NotNullWhen(true)] out SwarmServiceQuery? swarm)
    {
        swarm = null;
        if (!EndpointModes.TryParse(query.EndpointName, out var mode)
            || !Uri.TryCreate(query.ToString(), UriKind.Absolute, out var uri)
            || uri.Port <= 0)
        {
            return false;
        }

        swarm = new SwarmServiceQuery(query.ServiceName, mode.Value, uri.Port);
        return true;
    }

    /// <summary>Whether the text of an address names its port (the URL class hides a default port).</summary>
    public static bool HasExplicitPort(string address)
    {
        var authority = address.Split("://", 2) is [_, var rest] ? rest.Split('/', '?', '#')[0] : address;
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && colon > authority.LastIndexOf(']') && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
