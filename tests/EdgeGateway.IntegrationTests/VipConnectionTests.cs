using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>
/// Behind a VIP the kernel balances per connection, so the gateway must not keep one upstream connection forever:
/// it recycles VIP connections at the discovery refresh interval (1 s in the fixture).
/// </summary>
public sealed class VipConnectionTests(GatewayFixture fixture, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_AfterRefreshInterval_VipRequestArrivesOnANewConnection()
    {
        var first = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/");
        var second = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/");
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var later = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/");

        output.WriteLine($"connections seen by the VIP task: {first.RemoteAddress}, {second.RemoteAddress}, {later.RemoteAddress}");
        Assert.NotNull(first.RemoteAddress);
        Assert.Equal(first.RemoteAddress, second.RemoteAddress);
        Assert.NotEqual(first.RemoteAddress, later.RemoteAddress);
    }
}
