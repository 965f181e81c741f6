using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>whoami on SIGTERM: not healthy, still serving new connections for its drain delay, then a clean exit.</summary>
public sealed class WhoamiDrainTests
{
    [Fact]
    public async Task Sigterm_DuringDrainDelay_NewConnectionsServedThenExitsCleanlyWithRequestInFlightCompleted()
    {
        var address = IPAddress.Parse("127.0.0.30");
        var baseUri = new Uri($"http://{address}:{FreePort.Pick(address)}");
        using var whoami = ChildProcess.StartDll("whoami-drain", BuildOutputs.WhoamiDll, ["--urls", baseUri.ToString(), "--name", "drain", "--drain-delay", "3000"]);
        await Eventually.HoldsAsync("whoami answers /health", async () => (await FreshGetAsync(baseUri, "/health")).Status == HttpStatusCode.OK);
        using var client = new HttpClient { BaseAddress = baseUri };
        // Longer than the drain delay: it is still in flight when the listener closes, whenever it started.
        var inFlight = client.GetAsync("/slow?delay=4000", TestContext.Current.CancellationToken);

        Signals.Terminate(whoami.Id);

        await Eventually.HoldsAsync("/health answers 503 while draining", async () => (await FreshGetAsync(baseUri, "/health")).Status == HttpStatusCode.ServiceUnavailable);
        var during = await FreshGetAsync(baseUri, "/hello");
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.True(during.ConnectionClose, "a response while draining asks the client to close its connection");
        Assert.True(await whoami.WaitForExitAsync(TimeSpan.FromSeconds(30)), "whoami still runs 30 s after SIGTERM");
        Assert.Equal(0, whoami.ExitCode);
        using var slow = await inFlight;
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
    }

    /// <summary>A GET on a connection of its own, so each call shows whether the listener still accepts.</summary>
    private static async Task<(HttpStatusCode Status, bool ConnectionClose)> FreshGetAsync(Uri baseUri, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Headers.ConnectionClose == true);
    }
}
