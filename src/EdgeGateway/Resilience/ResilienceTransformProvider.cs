using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace EdgeGateway.Resilience;

/// <summary>
/// Validates the route's resilience metadata, and adds a response transform to every route. The transform runs after
/// YARP copied an upstream's status and headers but before anything is flushed to the client: when the upstream
/// answered 502/503/504 and the attempt may be retried, it suppresses the body so the middleware can clear the
/// response and replay the request elsewhere; when a WebSocket upgrade was accepted, it lifts the route's deadline.
/// </summary>
internal sealed class ResilienceTransformProvider : ITransformProvider
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

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(OnResponse);

    private static ValueTask OnResponse(ResponseTransformContext context)
    {
        if (context.ProxyResponse is not { } response
            || context.HttpContext.Features.Get<ResilientRequest>() is not { } request)
        {
            return ValueTask.CompletedTask;
        }

        if (request.CurrentAttemptCanRetry
            && RetryRules.IsGatewayFailureStatus((int)response.StatusCode)
            && !context.HttpContext.Response.HasStarted)
        {
            context.SuppressResponseBody = true;
            request.RetryableStatusHeldBack = true;
        }
        else if (IsAcceptedUpgrade(context.HttpContext, response))
        {
            request.Deadline.Lift();
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsAcceptedUpgrade(HttpContext context, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.SwitchingProtocols
        || (context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true && response.IsSuccessStatusCode);
}
