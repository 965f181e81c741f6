using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.Forwarding;

internal static class ForwardingRegistration
{
    public static IReverseProxyBuilder AddForwardingHygiene(this IReverseProxyBuilder proxy)
    {
        proxy.Services.TryAddSingleton<TrustedNetworks>();
        proxy.AddTransforms<ForwardedHeadersTransformProvider>();
        return proxy;
    }
}
