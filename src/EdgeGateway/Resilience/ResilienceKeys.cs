using Polly;

namespace EdgeGateway.Resilience;

/// <summary>Values the middleware hands to the Polly strategies through the resilience context.</summary>
internal static class ResilienceKeys
{
    public static readonly ResiliencePropertyKey<ResilientRequest> Request = new("edge.request");

    public static readonly ResiliencePropertyKey<TimeSpan> RouteTimeout = new("edge.route-timeout");
}
