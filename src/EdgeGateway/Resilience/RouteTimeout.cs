using System.Globalization;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Resilience;

/// <summary>
/// A route's overall time budget from its Metadata <c>Resilience.Timeout</c> (a TimeSpan such as <c>00:00:05</c>),
/// covering every attempt and the response body. Routes without it have no limit beyond YARP's own.
/// </summary>
internal static class RouteTimeout
{
    public const string MetadataKey = "Resilience.Timeout";

    public static TimeSpan Of(RouteConfig route) =>
        route.Metadata is not null && route.Metadata.TryGetValue(MetadataKey, out var text) && TryParse(text, out var timeout)
            ? timeout
            : Timeout.InfiniteTimeSpan;

    public static string? Validate(RouteConfig route) =>
        route.Metadata is null || !route.Metadata.TryGetValue(MetadataKey, out var text) || TryParse(text, out _)
            ? null
            : $"route '{route.RouteId}': Metadata '{MetadataKey}' must be a positive TimeSpan such as '00:00:05', got '{text}'.";

    private static bool TryParse(string text, out TimeSpan timeout) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) && timeout > TimeSpan.Zero;
}
