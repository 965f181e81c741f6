using EdgeGateway.Agent.Metrics;
using EdgeGateway.Agent.Reconcile;
using Prometheus;

namespace EdgeGateway.Agent.Tests.Metrics;

public class AgentMetricsTests
{
    [Fact]
    public async Task SyncSucceeded_ServiceGoneAfterTheAgentRanAgainOnTheSameRegistry_RemovesItsBackendSeries()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new AgentMetrics(registry, TimeProvider.System).SyncSucceeded(TestCluster.Plan(TestCluster.WebTask(1)), full: true, 0, TimeSpan.Zero);
        Assert.Contains("edge_agent_service_backends{service=\"web\",state=\"active\"} 1", await ExportAsync(registry), StringComparison.Ordinal);

        var again = new AgentMetrics(registry, TimeProvider.System);
        again.SyncSucceeded(new AgentPlanner(TestCluster.Options).Plan(TestCluster.ClusterWith() with { Services = [] }), full: true, 0, TimeSpan.Zero);

        Assert.DoesNotContain("edge_agent_service_backends{", await ExportAsync(registry), StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }
}
