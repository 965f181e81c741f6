using Yarp.ReverseProxy.Model;

namespace EdgeGateway.Resilience;

/// <summary>Drops breakers (and their gauge series) of destinations that discovery or a reload removed.</summary>
internal sealed class BreakerClusterListener(DestinationBreakers breakers) : IClusterChangeListener
{
    public void OnClusterAdded(ClusterState cluster) => Prune(cluster);

    public void OnClusterChanged(ClusterState cluster) => Prune(cluster);

    public void OnClusterRemoved(ClusterState cluster) => breakers.Retain(cluster.ClusterId, static _ => false);

    private void Prune(ClusterState cluster) => breakers.Retain(cluster.ClusterId, cluster.Destinations.ContainsKey);
}
