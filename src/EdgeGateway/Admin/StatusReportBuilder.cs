using EdgeGateway.Configuration;
using EdgeGateway.Discovery;
using EdgeGateway.Discovery.AgentFeed;
using EdgeGateway.Hosting;
using EdgeGateway.Observability;
using Yarp.ReverseProxy;

namespace EdgeGateway.Admin;

/// <summary>Builds /status and answers /readyz from YARP's live state, the config status and the DNS watches.</summary>
internal sealed class StatusReportBuilder(IProxyStateLookup proxy, ConfigStatus config, RoutesReloader reloader, SwarmServiceMonitor monitor, AgentFeedFollower agent, ShutdownDrain drain)
{
    /// <summary>Ready when not stopping, a configuration is loaded and at least one cluster has a destination to send to.</summary>
    public (bool Ready, string Reason) Readiness()
    {
        if (drain.Draining)
        {
            return (false, "draining: stopping after the drain delay");
        }

        if (!config.Loaded)
        {
            return (false, "no configuration loaded");
        }

        return proxy.GetClusters().Any(c => !c.Destinations.IsEmpty)
            ? (true, "ready")
            : (false, "no cluster has a resolved destination");
    }

    public StatusReport Build()
    {
        var routes = proxy.GetRoutes()
            .Select(r => r.Config)
            .OrderBy(r => r.RouteId, StringComparer.OrdinalIgnoreCase)
            .Select(r => new RouteReport(r.RouteId, r.ClusterId, r.Match.Path, r.Match.Hosts, r.Match.Methods, r.Order))
            .ToList();
        var clusters = proxy.GetClusters()
            .OrderBy(c => c.ClusterId, StringComparer.OrdinalIgnoreCase)
            .Select(c => new ClusterReport(
                c.ClusterId,
                c.Model.Config.Metadata?.GetValueOrDefault(EndpointModes.MetadataKey),
                c.Destinations.Values
                    .OrderBy(d => d.DestinationId, StringComparer.Ordinal)
                    .Select(d => new DestinationReport(d.DestinationId, d.Model.Config.Address, DestinationHealthText.Of(d), d.Health.Active.ToString(), d.Health.Passive.ToString()))
                    .ToList()))
            .ToList();
        var dns = monitor.Watches
            .OrderBy(w => w.Query.ToString(), StringComparer.Ordinal)
            .Select(w => new DnsReport(
                w.Query.Service,
                EndpointModes.Name(w.Query.Mode),
                w.Query.DnsName,
                w.Query.Port,
                w.Current.Addresses.Select(a => a.ToString()).ToList(),
                w.Excluded.Select(a => a.ToString()).ToList(),
                w.LastLookup?.Outcome.ToString(),
                w.LastLookup?.Ttl?.TotalSeconds,
                w.LastLookup?.Error,
                w.LastLookupAt))
            .ToList();
        var configReport = new ConfigReport(reloader.File, config.Loaded, config.LastSuccess, config.LastFailure, config.LastErrors);
        var agentReport = new AgentFeedReport(agent.Endpoint?.ToString(), agent.Following, agent.Version, agent.LastUpdate, agent.LastError);
        return new StatusReport(configReport, routes, clusters, dns, agentReport);
    }
}
