using System.Net;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Forwarding;

/// <summary>The client networks (--trusted-networks) whose own X-Forwarded-* headers the gateway keeps.</summary>
internal sealed class TrustedNetworks(IOptions<GatewayOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.TrustedNetworks;

    public bool Contains(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return _networks.Any(n => n.Contains(address));
    }
}
