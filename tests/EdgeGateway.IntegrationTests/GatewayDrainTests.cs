using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>The gateway on SIGTERM: not ready, still proxying on new connections for its drain delay, then a clean exit.</summary>
public sealed class GatewayDrainTests(GatewayDrainTests.WithDrainDelay fixture) : IClassFixture<GatewayDrainTests.WithDrainDelay>
{
    [Fact]
    public async Task Sigterm_DuringDrainDelay_NotReadyNewConnectionsProxiedThenExitsCleanlyWithRequestInFlightCompleted()
    {
        var gateway = fixture.Gateway;
        // Longer than the drain delay: it is still in flight when the listener closes, whenever it started.
        var inFlight = EchoResponse.GetAsync(gateway.Public, RoutesFile.Host, "/slow?delay=4000");

        Signals.Terminate(gateway.Process.Id);

        await Eventually.HoldsAsync("/readyz answers 503 while draining", async () => (await FreshGetAsync(gateway.Admin.BaseAddress!, "localhost", "/readyz")).Status == HttpStatusCode.ServiceUnavailable);
        var during = await FreshGetAsync(gateway.PublicUri, RoutesFile.Host, "/hello");
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.True(during.ConnectionClose, "a response while draining asks the client to close its connection");
        Assert.True(await gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the gateway still runs 30 s after SIGTERM");
        Assert.Equal(0, gateway.Process.ExitCode);
        var slow = await inFlight;
        Assert.Equal(HttpStatusCode.OK, slow.Status);
        Assert.Equal("vip", slow.TaskName);
    }

    /// <summary>A GET on a connection of its own, so each call shows whether the listener still accepts.</summary>
    private static async Task<(HttpStatusCode Status, bool ConnectionClose)> FreshGetAsync(Uri baseUri, string host, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.ConnectionClose == true);
    }

    /// <summary>The standard topology with a gateway that drains for 3 s (stopped by the test: one test per fixture).</summary>
    public sealed class WithDrainDelay : GatewayFixture
    {
        protected override string[] GatewayArguments => ["--drain-delay", "3s"];
    }
}
