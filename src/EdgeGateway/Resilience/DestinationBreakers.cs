using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace EdgeGateway.Resilience;

/// <summary>One <see cref="DestinationBreaker"/> per cluster destination, created on first use.</summary>
internal sealed class DestinationBreakers
{
    private readonly ConcurrentDictionary<(string Cluster, string Destination), DestinationBreaker> _breakers = new();
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ResilienceMetrics _metrics;
    private readonly ILogger<DestinationBreakers> _logger;

    public DestinationBreakers(IOptions<ResilienceOptions> options, TimeProvider time, ResilienceMetrics metrics, ILogger<DestinationBreakers> logger)
    {
        _options = options.Value.CircuitBreaker;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public bool Enabled => _options.Enabled;

    /// <summary>True unless the destination's circuit is open or half-open; destinations never seen are closed.</summary>
    public bool IsClosed(string cluster, string destination) =>
        !_options.Enabled || !_breakers.TryGetValue((cluster, destination), out var breaker) || breaker.IsClosed;

    public DestinationBreaker? Find(string cluster, string destination) =>
        _breakers.GetValueOrDefault((cluster, destination));

    public DestinationBreaker For(string cluster, string destination) =>
        _breakers.GetOrAdd((cluster, destination), static (key, self) => self.Create(key.Cluster, key.Destination), this);

    /// <summary>Forgets destinations that left the cluster, with their gauge series.</summary>
    public void Retain(string cluster, Func<string, bool> isStillInCluster)
    {
        foreach (var key in _breakers.Keys)
        {
            if (key.Cluster == cluster && !isStillInCluster(key.Destination) && _breakers.TryRemove(key, out _))
            {
                _metrics.ForgetDestination(cluster, key.Destination);
            }
        }
    }

    private DestinationBreaker Create(string cluster, string destination)
    {
        _metrics.SetCircuitState(cluster, destination, CircuitState.Closed);
        return new DestinationBreaker(_options, _time, state => Changed(cluster, destination, state));
    }

    private void Changed(string cluster, string destination, CircuitState state)
    {
        _metrics.SetCircuitState(cluster, destination, state);
        ResilienceLog.CircuitStateChanged(_logger, cluster, destination, state);
    }
}
