using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>The real edge-gateway process on loopback: a public and an admin listener on free ports.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process, int publicPort, int adminPort)
    {
        _process = process;
        PublicUri = new Uri($"http://127.0.0.1:{publicPort}");
        Public = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = PublicUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Admin = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri PublicUri { get; }

    /// <summary>Client of the public listener (what users reach).</summary>
    public HttpClient Public { get; }

    /// <summary>Client of the admin listener (metrics, health, status).</summary>
    public HttpClient Admin { get; }

    public ChildProcess Process => _process;

    /// <summary>Starts the gateway without waiting: for start-up failures.</summary>
    public static GatewayProcess Start(string routesFile, string dnsEndpoint, params string[] extraArguments)
    {
        var publicPort = FreePort.Pick(IPAddress.Loopback);
        var adminPort = FreePort.Pick(IPAddress.Loopback);
        string[] arguments =
        [
            "--routes", routesFile,
            "--urls", $"http://127.0.0.1:{publicPort}",
            "--admin-urls", $"http://127.0.0.1:{adminPort}",
            "--dns", dnsEndpoint,
            .. extraArguments,
        ];
        return new GatewayProcess(ChildProcess.StartDll("edge-gateway", BuildOutputs.GatewayDll, arguments), publicPort, adminPort);
    }

    /// <summary>Starts the gateway and waits until the admin listener reports it ready.</summary>
    public static async Task<GatewayProcess> StartReadyAsync(string routesFile, string dnsEndpoint, params string[] extraArguments)
    {
        var gateway = Start(routesFile, dnsEndpoint, extraArguments);
        try
        {
            await Eventually.HoldsAsync("edge-gateway answers /readyz with 200", async () =>
            {
                Assert.False(gateway._process.HasExited, $"edge-gateway exited with {ExitCodeOf(gateway._process)}: {gateway._process.Output}");
                using var response = await gateway.Admin.GetAsync("/readyz");
                return response.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(60));
            return gateway;
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    public async Task<string> MetricsAsync() => await Admin.GetStringAsync("/metrics");

    public void Dispose()
    {
        _process.Dispose();
        Public.Dispose();
        Admin.Dispose();
    }

    private static int ExitCodeOf(ChildProcess process) => process.HasExited ? process.ExitCode : 0;
}
