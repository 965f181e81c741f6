using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Discovery;

/// <summary>Rewrites the destinations of swarm clusters into service-discovery addresses (see <see cref="SwarmAddress"/>).</summary>
internal static class SwarmClusterTranslator
{
    /// <summary>Returns the cluster as service discovery must see it; non-swarm clusters are returned unchanged.</summary>
    public static ClusterConfig Translate(ClusterConfig cluster)
    {
        if (!EndpointModes.TryParse(EndpointModes.RawValue(cluster), out var mode) || cluster.Destinations is null)
        {
            return cluster;
        }

        var destinations = cluster.Destinations.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                var address = new Uri(kv.Value.Address);
                // Upstreams see the service name as Host, not the internal discovery name.
                return kv.Value with { Address = SwarmAddress.Encode(address, mode.Value), Host = kv.Value.Host ?? address.Authority };
            },
            StringComparer.OrdinalIgnoreCase);
        return cluster with { Destinations = destinations };
    }

    /// <summary>The swarm services a cluster resolves.</summary>
    public static IEnumerable<SwarmServiceQuery> Queries(ClusterConfig cluster)
    {
        if (!EndpointModes.TryParse(EndpointModes.RawValue(cluster), out var mode) || cluster.Destinations is null)
        {
            yield break;
        }

        foreach (var destination in cluster.Destinations.Values)
        {
            var address = new Uri(destination.Address);
            yield return new SwarmServiceQuery(address.Host, mode.Value, address.Port);
        }
    }
}
