using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Forwarding;

internal static class ForwardingRegistration
{
    public static IReverseProxyBuilder AddForwardingHygiene(this IReverseProxyBuilder proxy)
    {
        proxy.Services.TryAddSingleton<TrustedNetworks>();
        proxy.AddTransforms<ForwardedHeadersTransformProvider>();
        proxy.Services.AddSingleton<IForwarderHttpClientFactory, UpstreamHttpClientFactory>();
        return proxy;
    }
}
