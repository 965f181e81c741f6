using EdgeGateway.Tests.Support;

namespace EdgeGateway.Tests.Discovery;

/// <summary>The gateway in process, its swarm cluster resolved through a loopback DNS server, in front of real HTTP backends.</summary>
public class SwarmRoutingTests
{
    private static string Routes(int port) => $$"""
        {
          'Routes': { 'api': { 'ClusterId': 'api', 'Match': { 'Path': '/api/{**rest}' }, 'Transforms': [ { 'PathRemovePrefix': '/api' } ] } },
          'Clusters': {
            'api': {
              'Metadata': { 'EndpointMode': 'dnsrr' },
              'Destinations': { 'tasks': { 'Address': 'http://api:{{port}}' } }
            }
          }
        }
        """;

    private static async Task<HashSet<string>> NamesSeenAsync(GatewayTestHost gateway, int requests)
    {
        var names = new HashSet<string>();
        for (var i = 0; i < requests; i++)
        {
            var body = await gateway.GetPublicTextAsync("/api/who");
            names.Add(body.Split('\n')[0]);
        }

        return names;
    }

    [Fact]
    public async Task Proxy_DnsrrTasksChange_TrafficFollowsDns()
    {
        await using var dns = TestDnsServer.Start();
        await using var task1 = await EchoBackend.StartAsync("task1", "127.0.0.2");
        var port = task1.EndPoint.Port;
        await using var task2 = await EchoBackend.StartAsync("task2", "127.0.0.3", port);
        await using var task3 = await EchoBackend.StartAsync("task3", "127.0.0.4", port);
        dns.SetRecords("tasks.api", "127.0.0.2", "127.0.0.3");
        await using var gateway = await GatewayTestHost.StartAsync(Routes(port), "--dns", dns.EndPoint.ToString(), "--dns-refresh", "200ms");

        Assert.Equal(["Name: task1", "Name: task2"], (await NamesSeenAsync(gateway, 10)).Order());
        Assert.Contains("GET /who", await gateway.GetPublicTextAsync("/api/who"), StringComparison.Ordinal);

        dns.SetRecords("tasks.api", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        await Eventually.HoldsAsync("the new task to get traffic", async () => (await NamesSeenAsync(gateway, 6)).Contains("Name: task3"));

        dns.SetRecords("tasks.api", "127.0.0.3", "127.0.0.4");
        await Eventually.HoldsAsync("the gone task to leave the cluster", async () => !(await gateway.GetAdminTextAsync("/status")).Contains("\"http://127.0.0.2:", StringComparison.Ordinal));
        var served = task1.Requests;
        await NamesSeenAsync(gateway, 10);
        Assert.Equal(served, task1.Requests);
    }

    [Fact]
    public async Task Proxy_VipService_OneDestinationAtTheVirtualIp()
    {
        await using var dns = TestDnsServer.Start();
        await using var vip = await EchoBackend.StartAsync("vip", "127.0.0.5");
        dns.SetRecords("web", "127.0.0.5");
        var routes = $$"""
            {
              'Routes': { 'web': { 'ClusterId': 'web', 'Match': { 'Path': '/{**rest}' } } },
              'Clusters': { 'web': { 'Metadata': { 'EndpointMode': 'vip' }, 'Destinations': { 'web': { 'Address': 'http://web:{{vip.EndPoint.Port}}' } } } }
            }
            """;
        await using var gateway = await GatewayTestHost.StartAsync(routes, "--dns", dns.EndPoint.ToString());

        var body = await gateway.GetPublicTextAsync("/x");

        Assert.Equal("Name: vip", body.Split('\n')[0]);
        Assert.Contains($"Host: web:{vip.EndPoint.Port}\n", body, StringComparison.Ordinal);
        Assert.Equal(0, dns.QueryCount("tasks.web"));
    }
}
