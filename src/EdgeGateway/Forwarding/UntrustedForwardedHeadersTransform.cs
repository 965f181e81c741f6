using Yarp.ReverseProxy.Transforms;

namespace EdgeGateway.Forwarding;

/// <summary>
/// Drops the forwarding headers a client sent unless the client is in a trusted network, so that the
/// X-Forwarded-* headers that follow describe only what the gateway itself saw.
/// </summary>
internal sealed class UntrustedForwardedHeadersTransform(TrustedNetworks trusted) : RequestTransform
{
    private static readonly string[] Headers = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix", "Forwarded"];

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (!trusted.Contains(context.HttpContext.Connection.RemoteIpAddress))
        {
            foreach (var header in Headers)
            {
                RemoveHeader(context, header);
            }
        }

        return ValueTask.CompletedTask;
    }
}
