using System.Diagnostics.CodeAnalysis;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Discovery;

/// <summary>Reads a cluster's endpoint mode from its Metadata (<c>"EndpointMode": "vip" | "dnsrr"</c>).</summary>
internal static class EndpointModes
{
    /// <summary>The cluster Metadata key that marks a cluster as a swarm service.</summary>
    public const string MetadataKey = "EndpointMode";

    public const string Vip = "vip";
    public const string Dnsrr = "dnsrr";

    /// <summary>The raw value of the key, or null when the cluster is not a swarm cluster.</summary>
    public static string? RawValue(ClusterConfig cluster) => RawValue(cluster.Metadata);

    /// <summary>The raw value of the key in a cluster's Metadata (any case), or null.</summary>
    public static string? RawValue(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.TryGetValue(MetadataKey, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in metadata)
        {
            if (string.Equals(key, MetadataKey, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Whether a cluster's Metadata marks it as a swarm service reached through its VIP.</summary>
    public static bool IsVip(IReadOnlyDictionary<string, string>? metadata) =>
        TryParse(RawValue(metadata), out var mode) && mode == EndpointMode.Vip;

    public static bool IsSwarm(ClusterConfig cluster) => RawValue(cluster) is not null;

    public static bool TryParse(string? value, [NotNullWhen(true)] out EndpointMode? mode)
    {
        mode = value?.Trim().ToLowerInvariant() switch
        {
            Vip => EndpointMode.Vip,
            Dnsrr => EndpointMode.Dnsrr,
            _ => null,
        };
        return mode is not null;
    }

    public static string Name(EndpointMode mode) => mode == EndpointMode.Vip ? Vip : Dnsrr;
}
