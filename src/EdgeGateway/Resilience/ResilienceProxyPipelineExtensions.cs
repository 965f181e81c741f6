using EdgeGateway.Resilience;
using Yarp.ReverseProxy.Model;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the resilience step to YARP's proxy pipeline.</summary>
public static class ResilienceProxyPipelineExtensions
{
    /// <summary>
    /// Retries, circuit breaking and route timeouts around the rest of the proxy pipeline. Call it first, before
    /// <c>UseSessionAffinity()</c>, <c>UseLoadBalancing()</c> and <c>UsePassiveHealthChecks()</c>.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseEdgeResilience(this IReverseProxyApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMiddleware<ResilienceMiddleware>();
        return builder;
    }
}
