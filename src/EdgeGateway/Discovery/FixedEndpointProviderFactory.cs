using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

/// <summary>
/// Destinations that are not swarm services (an IP or host name with a port) resolve to themselves.
/// Unlike the library's pass-through provider it never adds itself to a swarm service's (possibly empty) answer.
/// </summary>
internal sealed class FixedEndpointProviderFactory : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = null;
        if (EndpointModes.TryParse(query.EndpointName, out _) || !Uri.TryCreate(query.ToString(), UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return false;
        }

        EndPoint endpoint = IPAddress.TryParse(uri.DnsSafeHost, out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.DnsSafeHost, uri.Port);
        provider = new FixedEndpointProvider(endpoint);
        return true;
    }

    private sealed class FixedEndpointProvider(EndPoint endpoint) : IServiceEndpointProvider
    {
        public ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
        {
            endpoints.Endpoints.Add(ServiceEndpoint.Create(endpoint));
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
