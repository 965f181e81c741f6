using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>
/// Hands YARP the routes and clusters of the last good routes file. A new configuration is swapped in as
/// one object and the old one's change token fired; YARP applies it without dropping in-flight requests.
/// </summary>
internal sealed class FileProxyConfigProvider : IProxyConfigProvider
{
    private volatile Snapshot _current = new([], [], new CancellationTokenSource());

    public IProxyConfig GetConfig() => _current;

    public void Update(LoadedRoutes routes)
    {
        var previous = Interlocked.Exchange(ref _current, new Snapshot(routes.Routes, routes.Clusters, new CancellationTokenSource()));
        previous.Changed.Cancel();
    }

    private sealed class Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters, CancellationTokenSource changed) : IProxyConfig
    {
        public CancellationTokenSource Changed { get; } = changed;

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(changed.Token);
    }
}
