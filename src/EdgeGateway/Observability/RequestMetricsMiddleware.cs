namespace EdgeGateway.Observability;

/// <summary>Outermost step of the proxy pipeline: counts and times each proxied request by route, cluster, destination and code.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, RequestSeries series, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var proxy = context.GetReverseProxyFeature();
            var route = proxy.Route.Config.RouteId;
            var cluster = proxy.Cluster?.Config.ClusterId ?? proxy.Route.Config.ClusterId ?? string.Empty;
            var destination = proxy.ProxiedDestination?.DestinationId ?? string.Empty;
            series.Record(route, cluster, destination, context.Request.Method, context.Response.StatusCode, time.GetElapsedTime(started).TotalSeconds);
        }
    }
}
