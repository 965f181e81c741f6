using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

/// <summary>Creates providers for swarm addresses (<c>http://_vip.svc:80</c>, <c>http://_dnsrr.svc:80</c>).</summary>
internal sealed class SwarmEndpointProviderFactory(SwarmServiceMonitor monitor) : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = SwarmAddress.TryDecode(query, out var swarm) ? new SwarmEndpointProvider(monitor.Watch(swarm)) : null;
        return provider is not null;
    }
}
