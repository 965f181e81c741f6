using EdgeGateway.Discovery;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Forwarding;

/// <summary>
/// How the gateway's connections to upstreams are made and kept, for every cluster:
/// <list type="bullet">
/// <item>the gateway's connect timeout (<see cref="GatewayOptions.ConnectTimeout"/>) instead of YARP's 15 s;</item>
/// <item>sockets that give up on data the peer stopped acknowledging (<see cref="UpstreamSockets"/>): a killed task
/// leaves its connections silent, and a request sent on one fails in seconds (an idempotent one is retried) instead of
/// hanging until the client gives up;</item>
/// <item>for VIP clusters, pooled connections reused for at most the discovery refresh interval. Behind a VIP the
/// kernel picks a task per connection, so a connection kept open forever would never reach a task that joined and would
/// keep sending requests to a task that is draining. The lifetime is SocketsHttpHandler's <c>PooledConnectionLifetime</c>:
/// it is checked only when a connection would be reused, so it never cuts a request in flight, a response still
/// streaming, or a connection upgraded to a WebSocket (which has left the pool).</item>
/// </list>
/// </summary>
internal sealed class UpstreamHttpClientFactory(IOptions<GatewayOptions> options) : ForwarderHttpClientFactory
{
    private readonly TimeSpan _lifetime = options.Value.DnsRefresh;
    private readonly TimeSpan _connectTimeout = options.Value.ConnectTimeout;
    private readonly UpstreamSockets _sockets = new(options.Value.UnacknowledgedTimeout);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = _connectTimeout;
        handler.ConnectCallback = _sockets.ConnectAsync;
        if (EndpointModes.IsVip(context.NewMetadata))
        {
            handler.PooledConnectionLifetime = _lifetime;
        }
    }

    // A changed endpoint mode must rebuild the client; YARP reuses the old one unless this says otherwise.
    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context) && EndpointModes.IsVip(context.OldMetadata) == EndpointModes.IsVip(context.NewMetadata);
}
