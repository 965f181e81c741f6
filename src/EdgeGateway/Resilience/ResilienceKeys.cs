using Polly;

namespace EdgeGateway.Resilience;

/// <summary>Values the middleware hands to the Polly strategy through the resilience context.</summary>
internal static class ResilienceKeys
{
    public static readonly ResiliencePropertyKey<ResilientRequest> Request = new("edge.request");
}
