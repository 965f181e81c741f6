using System.Collections.Immutable;
using System.Net;
using Docker.DotNet.Models;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// Where a worker's agent finds the managers' agents: the managers this node's dockerd knows (`docker info`:
/// Swarm.RemoteManagers, addresses like 10.0.0.11:2377), each at the agent admin port every node uses.
/// </summary>
internal static class ManagerDiscovery
{
    /// <summary>
    /// The managers' agent admin URLs, sorted so every worker tries them in the same order. This node itself is left
    /// out: a node just promoted lists itself, and its agent, still a worker's until it notices, must not follow itself.
    /// </summary>
    public static ImmutableArray<Uri> FromInfo(SystemInfoResponse info, int adminPort)
    {
        ArgumentNullException.ThrowIfNull(info);
        var self = IPAddress.TryParse(info.Swarm?.NodeAddr, out var address) ? address : null;
        return [.. (info.Swarm?.RemoteManagers ?? [])
            .Select(m => Host(m.Addr))
            .OfType<IPAddress>()
            .Where(a => !a.Equals(self))
            .Distinct()
            .OrderBy(a => a.AddressFamily)
            .ThenBy(a => a.GetAddressBytes(), Comparer<byte[]>.Create((x, y) => ((ReadOnlySpan<byte>)x).SequenceCompareTo(y)))
            .Select(a => new UriBuilder(Uri.UriSchemeHttp, a.ToString(), adminPort).Uri)];
    }

    /// <summary>The host part of a swarm address ("10.0.0.11:2377", "[fd00::11]:2377"); null when it is not an address.</summary>
    public static IPAddress? Host(string? address) =>
        IPEndPoint.TryParse(address ?? string.Empty, out var endpoint) ? endpoint.Address : null;
}
