using EdgeGateway.Discovery;
using EdgeGateway.Observability;

namespace EdgeGateway;

/// <summary>The per-request steps YARP runs once a route matched.</summary>
internal static class ProxyPipeline
{
    public static void Configure(IReverseProxyApplicationBuilder proxy)
    {
        proxy.UseMiddleware<RequestMetricsMiddleware>();

        // Resilience wraps affinity, load balancing and passive health so that each retry picks a destination again.
        proxy.UseEdgeResilience();
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
        proxy.UseMiddleware<UnreachableDestinationReporter>();
    }
}
