using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>whoami names itself in X-Whoami-Name: its --name, else its hostname (a container's short id in swarm).</summary>
public sealed class InstanceNameHeaderTests
{
    [Fact]
    public async Task UseInstanceName_NoNameGiven_HeaderCarriesTheHostname()
    {
        Assert.Equal(Environment.MachineName, await NameHeaderAsync([]));
    }

    [Fact]
    public async Task UseInstanceName_NameGiven_HeaderCarriesTheName()
    {
        Assert.Equal("task7", await NameHeaderAsync(["--name", "task7"]));
    }

    private static async Task<string> NameHeaderAsync(string[] options)
    {
        var address = IPAddress.Parse("127.0.0.31");
        var baseUri = new Uri($"http://{address}:{FreePort.Pick(address)}");
        using var whoami = ChildProcess.StartDll("whoami-name", BuildOutputs.WhoamiDll, ["--urls", baseUri.ToString(), .. options]);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        var response = await Eventually.ValueAsync("whoami answers /", () => client.GetAsync("/", TestContext.Current.CancellationToken), r => r.IsSuccessStatusCode);
        using (response)
        {
            return Assert.Single(response.Headers.GetValues("X-Whoami-Name"));
        }
    }
}
