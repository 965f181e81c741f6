using Polly.CircuitBreaker;
using Prometheus;

namespace EdgeGateway.Resilience;

/// <summary>Prometheus series for retries, exhausted retries, route timeouts and per-destination circuit state.</summary>
internal sealed class ResilienceMetrics
{
    private readonly Counter _retries;
    private readonly Counter _exhausted;
    private readonly Counter _timeouts;
    private readonly Gauge _circuitState;

    public ResilienceMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _retries = factory.CreateCounter(
            "edge_service_retries_total", "Attempts replayed on another destination.", "route", "cluster");
        _exhausted = factory.CreateCounter(
            "edge_retry_exhausted_total", "Requests whose last attempt failed with no retry left (attempts used up or no other destination).", "route", "cluster");
        _timeouts = factory.CreateCounter(
            "edge_route_timeouts_total", "Requests cut off by their route's timeout.", "route", "cluster");
        _circuitState = factory.CreateGauge(
            "edge_destination_circuit_state", "Destination circuit: 0 closed, 1 half-open, 2 open.", "cluster", "destination");
    }

    public void Retried(string route, string cluster) => _retries.WithLabels(route, cluster).Inc();

    public void RetryExhausted(string route, string cluster) => _exhausted.WithLabels(route, cluster).Inc();

    public void TimedOut(string route, string cluster) => _timeouts.WithLabels(route, cluster).Inc();

    public void SetCircuitState(string cluster, string destination, CircuitState state) =>
        _circuitState.WithLabels(cluster, destination).Set(CircuitStateValue.Of(state));

    public void ForgetDestination(string cluster, string destination) => _circuitState.RemoveLabelled(cluster, destination);
}
