using EdgeGateway.Discovery;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Forwarding;

/// <summary>
/// Bounds how long a pooled connection to a VIP cluster is reused. Behind a VIP the kernel picks a task per
/// connection, so a connection kept open forever would never reach a task that joined and would keep sending
/// requests to a task that is draining. Recycling at the discovery refresh interval gives VIP clusters the
/// same freshness as DNSRR ones. The lifetime is SocketsHttpHandler's <c>PooledConnectionLifetime</c>: it is checked
/// only when a connection would be reused, so it never cuts a request in flight, a response still streaming, or a
/// connection upgraded to a WebSocket (which has left the pool). Every cluster's connections also get the gateway's
/// connect timeout (<see cref="GatewayOptions.ConnectTimeout"/>) instead of YARP's 15 s.
/// </summary>
internal sealed class VipConnectionLifetimeClientFactory(IOptions<GatewayOptions> options) : ForwarderHttpClientFactory
{
    private readonly TimeSpan _lifetime = options.Value.DnsRefresh;
    private readonly TimeSpan _connectTimeout = options.Value.ConnectTimeout;

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = _connectTimeout;
        if (EndpointModes.IsVip(context.NewMetadata))
        {
            handler.PooledConnectionLifetime = _lifetime;
        }
    }

    // A changed endpoint mode must rebuild the client; YARP reuses the old one unless this says otherwise.
    protected override bool CanReuseOldClient(ForwarderHttpClientContext context) =>
        base.CanReuseOldClient(context) && EndpointModes.IsVip(context.OldMetadata) == EndpointModes.IsVip(context.NewMetadata);
}
