using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

internal static class DiscoveryRegistration
{
    /// <summary>Service discovery with swarm names (and fixed addresses) only; no configuration or pass-through providers.</summary>
    public static IServiceCollection AddSwarmDiscovery(this IServiceCollection services)
    {
        services.AddServiceDiscoveryCore();
        services.TryAddSingleton<SwarmDnsResolver>();
        services.TryAddSingleton<SwarmServiceMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, SwarmEndpointProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, FixedEndpointProviderFactory>());
        return services;
    }
}
