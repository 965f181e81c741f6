using EdgeGateway.Discovery.AgentFeed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

internal static class DiscoveryRegistration
{
    /// <summary>
    /// Service discovery with swarm names (and fixed addresses) only, no configuration or pass-through providers; and
    /// the node agent's feed, when --agent-feed names one.
    /// </summary>
    public static IServiceCollection AddSwarmDiscovery(this IServiceCollection services)
    {
        services.AddServiceDiscoveryCore();
        services.TryAddSingleton<SwarmDnsResolver>();
        services.TryAddSingleton<SwarmServiceMonitor>();
        services.TryAddSingleton<AgentFeedFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentFeedFollower>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, SwarmEndpointProviderFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, FixedEndpointProviderFactory>());
        return services;
    }
}
