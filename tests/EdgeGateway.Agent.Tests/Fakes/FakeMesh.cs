using EdgeGateway.Agent.Metrics;
using EdgeGateway.Agent.Reconcile;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>A reconciler wired to fake dataplanes and its own metrics registry.</summary>
internal sealed class FakeMesh
{
    public FakeMesh()
    {
        Metrics = new AgentMetrics(Registry, Time);
        Reconciler = NewReconciler();
    }

    public FakeIngressNetwork Ingress { get; } = new();

    public FakePublishedPortDnat Dnat { get; } = new();

    public FakeBalancerDataplane Balancer { get; } = new();

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public AgentMetrics Metrics { get; }

    public Reconciler Reconciler { get; }

    public MeshDataplanes Dataplanes => new(Ingress, Dnat, Balancer);

    public async Task<string> MetricsTextAsync()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private Reconciler NewReconciler() => new(Dataplanes, Metrics, Time, NullLogger<Reconciler>.Instance);
}
