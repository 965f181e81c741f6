using System.Net;
using EdgeGateway.Resilience;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Discovery;

/// <summary>
/// Innermost step of the proxy pipeline: when a connection to a destination cannot be established (refused,
/// unreachable, connect timeout: a task that went away), ask discovery to re-resolve its service now instead of at
/// the next interval, so the task leaves the destinations without waiting for health checks or a breaker.
/// </summary>
internal sealed class UnreachableDestinationReporter(RequestDelegate next, SwarmServiceMonitor monitor)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (RetryRules.IsConnectFailure(context.Features.Get<IForwarderErrorFeature>())
            && context.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address is { } address
            && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            && IPAddress.TryParse(uri.DnsSafeHost, out var ip))
        {
            monitor.ReportUnreachable(new IPEndPoint(ip, uri.Port));
        }
    }
}
