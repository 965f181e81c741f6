using Yarp.ReverseProxy.Model;

namespace EdgeGateway.Observability;

/// <summary>One word for a destination's health, combining YARP's active and passive verdicts.</summary>
internal static class DestinationHealthText
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Unknown = "unknown";

    public static string Of(DestinationState destination)
    {
        var (active, passive) = (destination.Health.Active, destination.Health.Passive);
        if (active == DestinationHealth.Unhealthy || passive == DestinationHealth.Unhealthy)
        {
            return Unhealthy;
        }

        return active == DestinationHealth.Healthy || passive == DestinationHealth.Healthy ? Healthy : Unknown;
    }
}
