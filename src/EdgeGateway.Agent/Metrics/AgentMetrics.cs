using EdgeGateway.Mesh.Plan;
using Prometheus;

namespace EdgeGateway.Agent.Metrics;

/// <summary>The agent's Prometheus metrics (prefix edge_agent_, base units, _total on counters).</summary>
internal sealed class AgentMetrics
{
    private readonly TimeProvider _time;
    private readonly Counter _reconciles;
    private readonly Histogram _reconcileDuration;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lastSuccessTime;
    private readonly Gauge _lastErrorTime;
    private readonly Counter _kernelOperations;
    private readonly Counter _kernelOperationsFailed;
    private readonly Gauge _backends;
    private readonly Counter _stateRejected;
    private readonly Counter _feedRefused;
    private readonly HashSet<(string Service, string State)> _backendLabels = [];

    public AgentMetrics(CollectorRegistry registry, TimeProvider time)
    {
        _time = time;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _reconciles = factory.CreateCounter("edge_agent_reconciles_total", "Syncs of the kernel to the plan, by result (ok, error) and kind (full, partial).", "result", "kind");
        _reconcileDuration = factory.CreateHistogram("edge_agent_reconcile_duration_seconds", "Time one sync took.", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });
        _lastSuccess = factory.CreateGauge("edge_agent_last_reconcile_success", "1 when the last sync succeeded, 0 when it failed.");
        _lastSuccessTime = factory.CreateGauge("edge_agent_last_reconcile_success_timestamp_seconds", "Unix time of the last successful sync.");
        _lastErrorTime = factory.CreateGauge("edge_agent_last_error_timestamp_seconds", "Unix time of the last failed sync or rejected state.");
        _kernelOperations = factory.CreateCounter("edge_agent_kernel_operations_total", "Kernel operations emitted by successful syncs.");
        _kernelOperationsFailed = factory.CreateCounter("edge_agent_kernel_operations_failed_total", "Failed kernel changes, by component (ingress, balancer, dnat).", "component");
        _backends = factory.CreateGauge("edge_agent_service_backends", "Backends per service in the applied plan, by state (active, draining).", "service", "state");
        // An agent that runs again in a new swarm role gets the same gauge back: its series must still be removable.
        _backendLabels.UnionWith(_backends.GetAllLabelValues().Select(l => (l[0], l[1])));
        _stateRejected = factory.CreateCounter("edge_agent_state_rejected_total", "Cluster state updates rejected as invalid (the last good state is kept).");
        _feedRefused = factory.CreateCounter("edge_agent_feed_refused_total", "Reads of /v1/cluster-state refused (403): the client is not loopback, a node of the swarm or in --feed-allow.");
    }

    public void SyncSucceeded(NodePlan applied, bool full, int operations, TimeSpan duration)
    {
        _reconciles.WithLabels("ok", full ? "full" : "partial").Inc();
        _reconcileDuration.Observe(duration.TotalSeconds);
        _lastSuccess.Set(1);
        _lastSuccessTime.Set(Now());
        _kernelOperations.Inc(operations);
        SetBackends(applied);
    }

    public void SyncFailed(string component, TimeSpan duration)
    {
        _reconciles.WithLabels("error", "any").Inc();
        _reconcileDuration.Observe(duration.TotalSeconds);
        _lastSuccess.Set(0);
        _lastErrorTime.Set(Now());
        _kernelOperationsFailed.WithLabels(component).Inc();
    }

    public void StateRejected()
    {
        _stateRejected.Inc();
        _lastErrorTime.Set(Now());
    }

    public void FeedRefused() => _feedRefused.Inc();

    /// <summary>A service's backend count is that of its largest frontend (all its frontends share its tasks).</summary>
    private void SetBackends(NodePlan plan)
    {
        var counts = plan.Balancers.Entries.Values
            .GroupBy(e => e.Service, StringComparer.Ordinal)
            .SelectMany(g => new[]
            {
                (Service: g.Key, State: "active", Count: g.Max(e => e.Backends.Count(b => b.Weight > 0))),
                (Service: g.Key, State: "draining", Count: g.Max(e => e.Backends.Count(b => b.Weight == 0))),
            })
            .ToList();
        foreach (var gone in _backendLabels.Except(counts.Select(c => (c.Service, c.State))).ToList())
        {
            _backends.RemoveLabelled(gone.Service, gone.State);
            _backendLabels.Remove(gone);
        }

        foreach (var (service, state, count) in counts)
        {
            _backends.WithLabels(service, state).Set(count);
            _backendLabels.Add((service, state));
        }
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
