using EdgeGateway.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
    public static IServiceCollection AddEdgeResilience(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResilienceOptions>()
            .Bind(configuration.GetSection(ResilienceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResilienceOptions>, ResilienceOptionsValidator>());
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
