using System.Collections.Concurrent;
using System.Net;
using EdgeGateway.Discovery.AgentFeed;
using EdgeGateway.Observability;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Discovery;

/// <summary>
/// The long-lived side of swarm discovery: one <see cref="SwarmServiceWatch"/> per service the routes file
/// names. Service-discovery providers come and go; the watches (and their DNS client) stay.
/// </summary>
internal sealed partial class SwarmServiceMonitor(
    SwarmDnsResolver dns,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    GatewayMetrics metrics,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SwarmServiceQuery, SwarmServiceWatch> _watches = new();
    private readonly object _lock = new();
    private readonly ILogger _logger = loggers.CreateLogger<SwarmServiceMonitor>();
    private AgentTaskView? _agent;

    public IReadOnlyCollection<SwarmServiceWatch> Watches => (IReadOnlyCollection<SwarmServiceWatch>)_watches.Values;

    /// <summary>The watch of <paramref name="query"/>, started on first use.</summary>
    public SwarmServiceWatch Watch(SwarmServiceQuery query)
    {
        if (_watches.TryGetValue(query, out var existing))
        {
            return existing;
        }

        lock (_lock)
        {
            if (!_watches.TryGetValue(query, out var watch))
            {
                watch = new SwarmServiceWatch(query, dns, time, options.Value.DnsRefresh, metrics, loggers.CreateLogger<SwarmServiceWatch>());
                watch.FollowAgent(_agent);
                watch.Start();
                _watches[query] = watch;
            }

            return watch;
        }
    }

    /// <summary>Starts watches for the services of a new configuration and stops those it no longer names.</summary>
    public void Retain(IReadOnlyCollection<SwarmServiceQuery> wanted)
    {
        foreach (var query in wanted)
        {
            Watch(query);
        }

        foreach (var stale in _watches.Keys.Except(wanted).ToList())
        {
            if (_watches.TryRemove(stale, out var watch))
            {
                _ = watch.DisposeAsync().AsTask();
            }
        }
    }

    /// <summary>The node agent's latest view for every watch, present and future (null: none, DNS alone decides).</summary>
    public void FollowAgent(AgentTaskView? view)
    {
        lock (_lock)
        {
            _agent = view;
        }

        foreach (var watch in _watches.Values)
        {
            watch.FollowAgent(view);
        }
    }

    /// <summary>A destination could not be connected to: re-resolve every service that currently points at it.</summary>
    public void ReportUnreachable(IPEndPoint endpoint)
    {
        foreach (var watch in _watches.Values)
        {
            if (watch.Current.Addresses.Contains(endpoint))
            {
                Log.RefreshRequested(_logger, watch.Query.DnsName, endpoint.ToString());
                watch.RefreshNow();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _watches.Values)
        {
            await watch.DisposeAsync();
        }

        _watches.Clear();
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.DnsRefreshRequested, LogLevel.Information, "{Endpoint} could not be connected to; re-resolving {Name} now")]
        public static partial void RefreshRequested(ILogger logger, string name, string endpoint);
    }
}
