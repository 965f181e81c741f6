using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace EdgeGateway.Observability;

/// <summary>
/// The request counter and duration histogram children per (route, cluster, destination, method, code), looked up
/// once and kept: prometheus-net's own label lookup allocates a label array and hashes a label sequence per call.
/// Holds exactly the series the registry holds, so it grows no further than they do.
/// </summary>
internal sealed class RequestSeries(GatewayMetrics metrics)
{
    private readonly ConcurrentDictionary<Key, Children> _children = new();

    public void Record(string route, string cluster, string destination, string method, int code, double seconds)
    {
        var key = new Key(route, cluster, destination, method, code);
        if (!_children.TryGetValue(key, out var children))
        {
            children = _children.GetOrAdd(key, Create(key));
        }

        children.Requests.Inc();
        children.Duration.Observe(seconds);
    }

    private Children Create(Key key)
    {
        var code = key.Code.ToString(CultureInfo.InvariantCulture);
        return new Children(
            metrics.Requests.WithLabels(key.Route, key.Cluster, key.Destination, key.Method, code),
            metrics.RequestDuration.WithLabels(key.Route, key.Cluster, code));
    }

    private readonly record struct Key(string Route, string Cluster, string Destination, string Method, int Code);

    private sealed record Children(Counter.Child Requests, Histogram.Child Duration);
}
