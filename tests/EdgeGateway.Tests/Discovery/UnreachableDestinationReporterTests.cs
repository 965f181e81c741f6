using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests.Discovery;

public class UnreachableDestinationReporterTests
{
    [Fact]
    public async Task InvokeAsync_TaskRefusesConnections_ServiceReResolvedWithoutWaitingForTheInterval()
    {
        await using var dns = TestDnsServer.Start();
        await using var task1 = await EchoBackend.StartAsync("task1", "127.0.0.6");
        var port = task1.EndPoint.Port;
        var task2 = await EchoBackend.StartAsync("task2", "127.0.0.7", port);
        dns.SetRecords("tasks.api", "127.0.0.6", "127.0.0.7");
        var routes = $$"""
            {
              'Routes': { 'api': { 'ClusterId': 'api', 'Match': { 'Path': '/{**rest}' } } },
              'Clusters': { 'api': { 'Metadata': { 'EndpointMode': 'dnsrr' }, 'Destinations': { 'tasks': { 'Address': 'http://api:{{port}}' } } } }
            }
            """;
        await using var gateway = await GatewayTestHost.StartAsync(routes, "--dns", dns.EndPoint.ToString(), "--dns-refresh", "01:00:00");
        await Eventually.HoldsAsync("the first lookup", () => dns.QueryCount("tasks.api") >= 1);
        var lookups = dns.QueryCount("tasks.api");

        // The task goes away: it refuses connections and leaves DNS; the hourly refresh is far off.
        await task2.DisposeAsync();
        dns.SetRecords("tasks.api", "127.0.0.6");

        await Eventually.HoldsAsync(
            "the refusing task to be dropped after a refused connection",
            async () =>
            {
                await gateway.GetPublicAsync("/x");
                return !(await gateway.GetAdminTextAsync("/status")).Contains("\"http://127.0.0.7:", StringComparison.Ordinal);
            });
        Assert.True(dns.QueryCount("tasks.api") > lookups);
    }
}
