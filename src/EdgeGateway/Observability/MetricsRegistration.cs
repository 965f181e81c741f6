using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace EdgeGateway.Observability;

internal static class MetricsRegistration
{
    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<RequestSeries>();
        services.TryAddSingleton<ClusterHealthCollector>();
        return services;
    }
}
