using System.Net;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Forwarding;

/// <summary>The client networks (--trusted-networks) whose own X-Forwarded-* headers the gateway keeps.</summary>
internal sealed class TrustedNetworks(IOptions<GatewayOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.TrustedNetworks;

    public bool Contains(IPAddress? client)
    {
        // Runs for every proxied request: no lambda, no enumerator, no address mapping when nothing is trusted.
        if (client is null || _networks.Count == 0)
        {
            return false;
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        for (var i = 0; i < _networks.Count; i++)
        {
            if (_networks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
