using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>
/// The routes file: its top level is YARP's own "ReverseProxy" section (Routes and Clusters keyed by id),
/// without the "ReverseProxy" wrapper.
/// </summary>
internal sealed class RoutesDocument
{
    public Dictionary<string, RouteConfig>? Routes { get; init; }

    public Dictionary<string, ClusterConfig>? Clusters { get; init; }
}
