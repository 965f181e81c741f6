using Prometheus;
using Yarp.ReverseProxy;

namespace EdgeGateway.Observability;

/// <summary>
/// Before each scrape, sets the per-cluster destination gauges from YARP's live state, and removes the
/// series of clusters and destinations that no longer exist (tasks come and go).
/// </summary>
internal sealed class ClusterHealthCollector(IProxyStateLookup proxy, GatewayMetrics metrics)
{
    private static readonly string[] HealthValues = [DestinationHealthText.Healthy, DestinationHealthText.Unhealthy, DestinationHealthText.Unknown];
    private readonly object _lock = new();
    private HashSet<(string Cluster, string Destination)> _reported = [];
    private HashSet<string> _clusters = [];

    public void Register(CollectorRegistry registry) => registry.AddBeforeCollectCallback(Collect);

    private void Collect()
    {
        lock (_lock)
        {
            var reported = new HashSet<(string, string)>();
            var clusters = new HashSet<string>();
            foreach (var cluster in proxy.GetClusters())
            {
                clusters.Add(cluster.ClusterId);
                var counts = HealthValues.ToDictionary(h => h, _ => 0);
                foreach (var destination in cluster.Destinations.Values)
                {
                    var health = DestinationHealthText.Of(destination);
                    counts[health]++;
                    metrics.ServerUp.WithLabels(cluster.ClusterId, destination.DestinationId).Set(health == DestinationHealthText.Unhealthy ? 0 : 1);
                    reported.Add((cluster.ClusterId, destination.DestinationId));
                }

                foreach (var (health, count) in counts)
                {
                    metrics.Destinations.WithLabels(cluster.ClusterId, health).Set(count);
                }
            }

            foreach (var (cluster, destination) in _reported.Except(reported))
            {
                metrics.ServerUp.RemoveLabelled(cluster, destination);
            }

            foreach (var cluster in _clusters.Except(clusters))
            {
                foreach (var health in HealthValues)
                {
                    metrics.Destinations.RemoveLabelled(cluster, health);
                }
            }

            _reported = reported;
            _clusters = clusters;
        }
    }
}
