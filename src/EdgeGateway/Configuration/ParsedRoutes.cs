using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>A routes file that parsed: its routes and clusters (ids filled in from the keys) and where things are in it.</summary>
internal sealed record ParsedRoutes(string File, IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters, JsonSourceMap Map)
{
    public ConfigError Error(string jsonPath, string message) => new(File, jsonPath, Map.LineOf(jsonPath), message);
}
