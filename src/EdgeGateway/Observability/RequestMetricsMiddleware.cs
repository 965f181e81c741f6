using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Observability;

/// <summary>
/// Outermost step of the proxy pipeline: counts and times each proxied request by route, cluster, destination and code.
/// A request the client gave up on before its answer was complete is also counted and logged with where it was sent
/// and how long it had taken: the client's side of a stalled hop, which no status code shows.
/// </summary>
internal sealed partial class RequestMetricsMiddleware(RequestDelegate next, RequestSeries series, GatewayMetrics metrics, TimeProvider time, ILogger<RequestMetricsMiddleware> logger)
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
            var elapsed = time.GetElapsedTime(started);
            var proxy = context.GetReverseProxyFeature();
            var route = proxy.Route.Config.RouteId;
            var cluster = proxy.Cluster?.Config.ClusterId ?? proxy.Route.Config.ClusterId ?? string.Empty;
            var destination = proxy.ProxiedDestination?.DestinationId ?? string.Empty;
            series.Record(route, cluster, destination, context.Request.Method, context.Response.StatusCode, elapsed.TotalSeconds);
            if (context.RequestAborted.IsCancellationRequested)
            {
                RecordIfAbandoned(context, elapsed, route, cluster, destination);
            }
        }
    }

    private void RecordIfAbandoned(HttpContext context, TimeSpan elapsed, string route, string cluster, string destination)
    {
        // A client that closes right after reading a whole answer also aborts the request; that one was not abandoned.
        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        if (error == ForwarderError.None && context.Response.HasStarted)
        {
            return;
        }
        metrics.ClientAbandoned.Inc();
        Log.ClientAbandoned(logger, context.Request.Method, context.Request.Path, (long)elapsed.TotalMilliseconds, route, cluster, destination, error);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.ClientAbandoned, LogLevel.Information, "The client gave up on {Method} {Path} after {Milliseconds} ms: route {Route}, cluster {Cluster}, destination '{Destination}', proxy error {Error}")]
        public static partial void ClientAbandoned(ILogger logger, string method, string path, long milliseconds, string route, string cluster, string destination, ForwarderError error);
    }
}
