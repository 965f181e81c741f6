using Prometheus;

namespace EdgeGateway.Observability;

/// <summary>
/// Every metric the gateway exports, on its own registry (served only on the admin listener).
/// Names follow Prometheus conventions: <c>edge_</c> prefix, snake_case, base units, <c>_total</c> on counters.
/// Other features add their metrics through the <see cref="CollectorRegistry"/> registered in DI.
/// </summary>
internal sealed class GatewayMetrics
{
    public GatewayMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Requests = factory.CreateCounter(
            "edge_service_requests_total", "Proxied requests by route, cluster, destination, method and status code.",
            ["route", "cluster", "destination", "method", "code"]);
        RequestDuration = factory.CreateHistogram(
            "edge_service_request_duration_seconds", "Time to proxy a request, from routing to the end of the response.",
            new HistogramConfiguration { LabelNames = ["route", "cluster", "code"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        ClientAbandoned = factory.CreateCounter(
            "edge_client_abandoned_requests_total", "Proxied requests the client gave up on (closed or reset its connection) before the answer was complete; each is logged (event 30) with its destination and time taken.");
        UnmatchedRequests = factory.CreateCounter(
            "edge_unmatched_requests_total", "Requests on the public listener that matched no route (answered 404).");
        Destinations = factory.CreateGauge(
            "edge_cluster_destinations", "Destinations per cluster by health (healthy, unhealthy, unknown).", ["cluster", "health"]);
        ServerUp = factory.CreateGauge(
            "edge_service_server_up", "1 when a destination is not known to be unhealthy, else 0.", ["cluster", "destination"]);
        DnsResolutions = factory.CreateCounter(
            "edge_dns_resolutions_total", "DNS resolutions of swarm services by outcome (success, nxdomain, failure).", ["service", "mode", "result"]);
        DnsFailures = factory.CreateCounter(
            "edge_dns_resolution_failures_total", "DNS resolutions of swarm services that failed (timeout, server failure).", ["service", "mode"]);
        DnsAddresses = factory.CreateGauge(
            "edge_dns_resolved_addresses", "Addresses currently resolved for a swarm service.", ["service", "mode"]);
        DnsExcluded = factory.CreateGauge(
            "edge_dns_excluded_addresses", "Addresses DNS still gives for a swarm service that the node agent reports leaving (not sent to).", ["service", "mode"]);
        AgentFeedUp = factory.CreateGauge(
            "edge_agent_feed_up", "1 while the node agent's cluster state (--agent-feed) is followed, else 0.");
        AgentFeedUpdates = factory.CreateCounter(
            "edge_agent_feed_updates_total", "Cluster states read from the node agent.");
        ConfigReloads = factory.CreateCounter(
            "edge_config_reloads_total", "Routes file loads attempted after start-up, successful or not.");
        ConfigReloadFailures = factory.CreateCounter(
            "edge_config_reload_failures_total", "Routes file loads rejected as invalid; the last good configuration kept serving.");
        LastReloadSuccess = factory.CreateGauge(
            "edge_config_last_reload_success", "1 when the last routes file load succeeded, 0 when it was rejected.");
        LastReloadSuccessTime = factory.CreateGauge(
            "edge_config_last_reload_success_timestamp_seconds", "Unix time of the last successful routes file load.");
    }

    public Counter Requests { get; }

    public Histogram RequestDuration { get; }

    public Counter ClientAbandoned { get; }

    public Counter UnmatchedRequests { get; }

    public Gauge Destinations { get; }

    public Gauge ServerUp { get; }

    public Counter DnsResolutions { get; }

    public Counter DnsFailures { get; }

    public Gauge DnsAddresses { get; }

    public Gauge DnsExcluded { get; }

    public Gauge AgentFeedUp { get; }

    public Counter AgentFeedUpdates { get; }

    public Counter ConfigReloads { get; }

    public Counter ConfigReloadFailures { get; }

    public Gauge LastReloadSuccess { get; }

    public Gauge LastReloadSuccessTime { get; }
}
