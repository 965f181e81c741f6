using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace EdgeGateway.Forwarding;

/// <summary>
/// On every route: untrusted clients' X-Forwarded-* are removed first, then X-Forwarded-For/Proto/Host/Prefix
/// are appended (so a trusted proxy's chain is kept and extended). A route that configures its own
/// X-Forwarded transform keeps it.
/// </summary>
internal sealed class ForwardedHeadersTransformProvider(TrustedNetworks trusted) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.RequestTransforms.Insert(0, new UntrustedForwardedHeadersTransform(trusted));
        if (context.UseDefaultForwarders != false)
        {
            context.UseDefaultForwarders = false;
            context.AddXForwarded(ForwardedTransformActions.Append);
        }
    }
}
