using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace EdgeGateway.Resilience;

/// <summary>
/// Runs after YARP copied an upstream's status and headers but before anything is flushed to the client: when the
/// upstream answered 502/503/504 and the attempt may be retried, the body is suppressed so the middleware can clear
/// the response and replay the request elsewhere. Also validates the route's resilience metadata.
/// </summary>
internal sealed class HoldBackRetryableResponse : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        if (RouteTimeout.Validate(context.Route) is { } error)
        {
            context.Errors.Add(new ArgumentException(error));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(HoldBack);

    private static ValueTask HoldBack(ResponseTransformContext context)
    {
        if (context.ProxyResponse is { } response
            && RetryRules.IsGatewayFailureStatus((int)response.StatusCode)
            && context.HttpContext.Features.Get<ResilientRequest>() is { CurrentAttemptCanRetry: true } request
            && !context.HttpContext.Response.HasStarted)
        {
            context.SuppressResponseBody = true;
            request.RetryableStatusHeldBack = true;
        }

        return ValueTask.CompletedTask;
    }
}
