using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>
/// A WebSocket and a slow streaming response through the gateway live on while unrelated things change: the routes
/// file is reloaded, DNSRR tasks come and go, and the gateway recycles its pooled VIP connections.
/// </summary>
public sealed class LongLivedConnectionTests(LongLivedConnectionTests.WithSpareTask fixture, ITestOutputHelper output) : IClassFixture<LongLivedConnectionTests.WithSpareTask>
{
    [Fact]
    public async Task WebSocketAndStream_RoutesReloadedWithAnotherRoute_BothSurvive()
    {
        await using var dnsrr = await LongLivedConnections.OpenAsync(fixture.Gateway, RoutesFile.ApiHost);
        await using var vip = await LongLivedConnections.OpenAsync(fixture.Gateway, RoutesFile.Host);

        fixture.Routes.Write(fixture.Routes.Standard(withExtraRoute: true));
        await Eventually.HoldsAsync("the reloaded routes serve extra.test", async () =>
            (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ExtraHost, "/")).Status == HttpStatusCode.OK);

        await dnsrr.AssertSurvivedAsync();
        await vip.AssertSurvivedAsync();
        fixture.Routes.Write(fixture.Routes.Standard());
    }

    [Fact]
    public async Task WebSocketAndStream_DnsrrTaskAddedAndAnotherRemoved_BothSurvive()
    {
        await using var connections = await LongLivedConnections.OpenAsync(fixture.Gateway, RoutesFile.ApiHost);
        var newcomer = fixture.Spares[0];
        var leaver = fixture.Tasks.First(t => !connections.Tasks.Contains(t.Name));
        output.WriteLine($"connections on {string.Join(", ", connections.Tasks)}; {leaver.Name} leaves DNS, {newcomer.Name} joins");

        fixture.PublishTasks([.. fixture.Tasks.Where(t => t != leaver), newcomer]);
        await Eventually.HoldsAsync($"{newcomer.Name} answers and {leaver.Name} does not", async () =>
        {
            var answerers = await fixture.AnswerersAsync(RoutesFile.ApiHost, "/", 12);
            return answerers.Contains(newcomer.Name) && !answerers.Contains(leaver.Name);
        });

        await connections.AssertSurvivedAsync();
        fixture.PublishTasks();
    }

    [Fact]
    public async Task WebSocketAndStream_VipConnectionsRecycled_BothSurvive()
    {
        await using var connections = await LongLivedConnections.OpenAsync(fixture.Gateway, RoutesFile.Host);
        var first = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/");

        // Pooled VIP connections live one refresh interval (1 s here): a later request comes on a new one.
        await Eventually.HoldsAsync("a VIP request arrives on a recycled connection", async () =>
            (await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/")).RemoteAddress != first.RemoteAddress);

        await connections.AssertSurvivedAsync();
    }

    [Fact]
    public async Task WebSocketAndStream_ShippedRoutesFile_ProxiedOnTheVipAndDnsrrRoutes()
    {
        using var routes = new RoutesFile(fixture.Routes.UpstreamPort);
        routes.Write(ShippedRoutes.WithPort(fixture.Routes.UpstreamPort));
        using var gateway = await GatewayProcess.StartReadyAsync(routes.FilePath, fixture.Dns.EndPoint.ToString(), "--dns-refresh", "1s", "--drain-delay", "0");

        await using var vip = await LongLivedConnections.OpenAsync(gateway, "edge.example");
        await using var dnsrr = await LongLivedConnections.OpenAsync(gateway, "edge.example", "/dnsrr");

        Assert.Equal(["vip"], vip.Tasks);
        Assert.DoesNotContain("vip", dnsrr.Tasks);
        await vip.AssertSurvivedAsync();
        await dnsrr.AssertSurvivedAsync();
    }

    /// <summary>The standard topology plus one running task that DNS does not list yet.</summary>
    public sealed class WithSpareTask : GatewayFixture
    {
        protected override int SpareCount => 1;
    }
}
