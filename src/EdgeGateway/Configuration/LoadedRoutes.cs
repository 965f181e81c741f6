using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>A validated routes file, ready to serve: clusters already translated for service discovery.</summary>
internal sealed record LoadedRoutes(IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters, IReadOnlyList<Discovery.SwarmServiceQuery> SwarmServices);

/// <summary>The outcome of loading a routes file: the routes, or every error found.</summary>
internal sealed record LoadResult(LoadedRoutes? Routes, IReadOnlyList<ConfigError> Errors);
