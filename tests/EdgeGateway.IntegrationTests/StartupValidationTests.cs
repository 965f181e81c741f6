using System.Text.Json.Nodes;
using EdgeGateway.IntegrationTests.Support;
using EdgeGateway.Tests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>An invalid routes.json at start-up stops the gateway with a message naming the file, where, and what.</summary>
public sealed class StartupValidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Start_RouteToUnknownCluster_ExitsNonZeroNamingFilePathAndCluster()
    {
        using var routes = new RoutesFile(8080);
        var config = routes.Standard();
        config["Routes"]!["broken"] = new JsonObject
        {
            ["ClusterId"] = "no-such-cluster",
            ["Match"] = new JsonObject { ["Path"] = "/{**catch-all}" },
        };
        routes.Write(config);

        var log = await ExitLogAsync(routes);

        Assert.Contains(routes.FilePath, log, StringComparison.Ordinal);
        Assert.Matches(@"Routes\W+broken\W+ClusterId", log); // the path to the bad value, in any notation
        Assert.Contains("no-such-cluster", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadEndpointMode_ExitsNonZeroNamingFilePathAndValue()
    {
        using var routes = new RoutesFile(8080);
        var config = routes.Standard();
        config["Clusters"]!["whoami"]!["Metadata"]!["EndpointMode"] = "roundrobin";
        routes.Write(config);

        var log = await ExitLogAsync(routes);

        Assert.Contains(routes.FilePath, log, StringComparison.Ordinal);
        Assert.Matches(@"Clusters\W+whoami\W+Metadata\W+EndpointMode", log);
        Assert.Contains("roundrobin", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MalformedJson_ExitsNonZeroNamingFileAndLine()
    {
        using var routes = new RoutesFile(8080);
        routes.WriteText("{\n  \"Routes\": {},\n  \"Clusters\": {,\n  }\n}\n");

        var log = await ExitLogAsync(routes);

        Assert.Contains(routes.FilePath, log, StringComparison.Ordinal);
        // The third line holds the stray comma: "FILE:3:COLUMN" or "line 3".
        Assert.Matches(@"routes\.json:3:\d+|(?i)line\D{0,16}3\b", log);
    }

    private async Task<string> ExitLogAsync(RoutesFile routes)
    {
        await using var dns = TestDnsServer.Start();
        using var gateway = GatewayProcess.Start(routes.FilePath, dns.EndPoint.ToString());
        var exited = await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var log = gateway.Process.Output;
        output.WriteLine(log);
        Assert.True(exited, "the gateway kept running on an invalid configuration");
        Assert.NotEqual(0, gateway.Process.ExitCode);
        return log;
    }
}
