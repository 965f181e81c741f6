using System.Net;
using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Discovery;

/// <summary>
/// Innermost step of the proxy pipeline: when a destination refuses the connection (a task that went
/// away), ask discovery to re-resolve its service now instead of at the next interval.
/// </summary>
internal sealed class UnreachableDestinationReporter(RequestDelegate next, SwarmServiceMonitor monitor)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error?.Error is ForwarderError.Request && IsConnectFailure(error.Exception)
            && context.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address is { } address
            && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            && IPAddress.TryParse(uri.DnsSafeHost, out var ip))
        {
            monitor.ReportUnreachable(new IPEndPoint(ip, uri.Port));
        }
    }

    private static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut }
                || e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
