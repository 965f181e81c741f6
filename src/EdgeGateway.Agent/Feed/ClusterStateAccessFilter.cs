using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Metrics;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// Who may read <c>/v1/cluster-state</c> (the cluster's services and its task and node addresses): loopback
/// (127.0.0.1, ::1), the --feed-socket Unix socket (guarded by its file permissions), the swarm's nodes (the underlay addresses in the state this agent holds, so every worker's agent
/// reads a manager's) and the networks of --feed-allow. Everyone else gets 403, counted. An agent without a state yet
/// knows no nodes and lets only loopback and --feed-allow through; that costs nothing, as it has nothing to serve yet
/// (a manager's agent reads its own dockerd first; a worker refused meanwhile retries).
/// </summary>
internal sealed class ClusterStateAccessFilter(ClusterStateFeed feed, AgentOptions options, AgentMetrics metrics) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var connection = context.HttpContext.Connection;
        var client = connection.RemoteIpAddress;
        var nodes = feed.Current?.NodeAddresses;
        // Only the Unix socket has connections without IP addresses.
        var unixSocket = client is null && connection.LocalIpAddress is null && options.FeedSocket is not null;
        if (unixSocket || (client is not null && Allows(client, options.FeedAllow, nodes)))
        {
            return next(context);
        }

        metrics.FeedRefused();
        var why = nodes is null
            ? "is not loopback or in --feed-allow (this agent knows no nodes yet)"
            : "is not loopback, a node of the swarm or in --feed-allow";
        return ValueTask.FromResult<object?>(Results.Text($"cluster state refused: {client?.ToString() ?? "the client"} {why}\n", statusCode: StatusCodes.Status403Forbidden));
    }

    /// <summary>
    /// True when <paramref name="client"/> is loopback, in <paramref name="allowed"/> or one of <paramref name="nodes"/>
    /// (null: no state yet). IPv4-mapped IPv6 addresses (a dual-stack listener's IPv4 clients) count as IPv4.
    /// </summary>
    public static bool Allows(IPAddress client, IReadOnlyList<IPNetwork> allowed, ImmutableArray<IPAddress>? nodes)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(allowed);
        var address = Canonical(client);
        return address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)
            || allowed.Any(network => network.Contains(address))
            || (nodes is { } known && known.Any(node => Canonical(node).Equals(address)));
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
