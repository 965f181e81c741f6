using System.Net;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>A real whoami process standing in for one swarm task, listening on its own loopback address.</summary>
public sealed class WhoamiTask : IDisposable
{
    private static readonly HttpClient Direct = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ChildProcess _process;

    private WhoamiTask(string name, IPAddress address, int port, ChildProcess process)
    {
        Name = name;
        Address = address;
        Port = port;
        _process = process;
    }

    /// <summary>What the task prints on its <c>Name:</c> line, so a response tells which task answered.</summary>
    public string Name { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://{Address}:{Port}");

    public static async Task<WhoamiTask> StartAsync(string name, IPAddress address, int port)
    {
        var process = ChildProcess.StartDll(name, BuildOutputs.WhoamiDll, ["--urls", $"http://{address}:{port}", "--name", name]);
        var task = new WhoamiTask(name, address, port, process);
        try
        {
            await Eventually.HoldsAsync($"whoami {name} answers /health on {task.BaseUri}", async () =>
            {
                Assert.False(process.HasExited, $"whoami {name} exited: {process.Output}");
                using var response = await Direct.GetAsync(new Uri(task.BaseUri, "/health"));
                return response.IsSuccessStatusCode;
            });
            return task;
        }
        catch
        {
            task.Dispose();
            throw;
        }
    }

    /// <summary>Makes <c>/health</c> answer 503 (or 200 again) while every other path keeps answering.</summary>
    public async Task SetHealthyAsync(bool healthy)
    {
        using var response = await Direct.PostAsync(new Uri(BaseUri, healthy ? "/health/ok" : "/health/fail"), null);
        response.EnsureSuccessStatusCode();
    }

    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
