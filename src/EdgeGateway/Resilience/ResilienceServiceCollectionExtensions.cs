using EdgeGateway.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gateway's retry, circuit breaker and route timeout services.</summary>
public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Adds resilience for proxied requests, configured from the <c>Resilience</c> section of
    /// <paramref name="configuration"/>; add <c>UseEdgeResilience()</c> first in the proxy pipeline.
    /// </summary>
    /// <exception cref="EdgeGateway.GatewayStartupException">A setting is invalid; the message names each one.</exception>
    public static IServiceCollection AddEdgeResilience(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(ResilienceOptionsReader.Read(configuration)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Metrics.DefaultRegistry);
        services.TryAddSingleton<ResilienceMetrics>();
        services.TryAddSingleton<DestinationBreakers>();
        services.TryAddSingleton<DestinationSelector>();
        services.TryAddSingleton<RequestPipeline>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransformProvider, HoldBackRetryableResponse>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IClusterChangeListener, BreakerClusterListener>());
        return services;
    }
}
