using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests.Discovery;

/// <summary>YARP's active health checks, configured from the routes file, on the destinations of a swarm cluster.</summary>
public class SwarmHealthCheckTests
{
    [Fact]
    public async Task ActiveCheck_TaskTurnsUnhealthyAndRecovers_TakenOutAndPutBack()
    {
        await using var dns = TestDnsServer.Start();
        await using var task1 = await EchoBackend.StartAsync("task1", "127.0.0.8");
        var port = task1.EndPoint.Port;
        await using var task2 = await EchoBackend.StartAsync("task2", "127.0.0.9", port);
        dns.SetRecords("tasks.api", "127.0.0.8", "127.0.0.9");
        var routes = $$"""
            {
              'Routes': { 'api': { 'ClusterId': 'api', 'Match': { 'Path': '/{**rest}' } } },
              'Clusters': {
                'api': {
                  'Metadata': { 'EndpointMode': 'dnsrr', 'ConsecutiveFailuresHealthPolicy.Threshold': '1' },
                  'Destinations': { 'tasks': { 'Address': 'http://api:{{port}}' } },
                  'HealthCheck': { 'Active': { 'Enabled': true, 'Interval': '00:00:00.200', 'Timeout': '00:00:01', 'Policy': 'ConsecutiveFailures', 'Path': '/health' } }
                }
              }
            }
            """;
        await using var gateway = await GatewayTestHost.StartAsync(routes, "--dns", dns.EndPoint.ToString());

        task2.Healthy = false;
        await Eventually.HoldsAsync("task2 to be marked unhealthy", async () => (await gateway.GetAdminTextAsync("/metrics")).Contains("edge_cluster_destinations{cluster=\"api\",health=\"unhealthy\"} 1", StringComparison.Ordinal));
        var served = task2.Requests;
        for (var i = 0; i < 10; i++)
        {
            Assert.StartsWith("Name: task1\n", await gateway.GetPublicTextAsync("/x"), StringComparison.Ordinal);
        }

        Assert.Equal(served, task2.Requests);

        task2.Healthy = true;
        await Eventually.HoldsAsync("task2 to be healthy again", async () => (await gateway.GetAdminTextAsync("/metrics")).Contains("edge_cluster_destinations{cluster=\"api\",health=\"healthy\"} 2", StringComparison.Ordinal));
        await Eventually.HoldsAsync("task2 to get traffic again", async () => (await gateway.GetPublicTextAsync("/x")).StartsWith("Name: task2\n", StringComparison.Ordinal));
    }
}
