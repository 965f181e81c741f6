using System.Net;
using EdgeGateway.Tests.Support;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>
/// One swarm in miniature per test class: a loopback DNS server, a whoami standing in for service <c>whoami</c>'s
/// VIP on 127.0.0.2, tasks of <c>whoami-dnsrr</c> on 127.0.0.3 and up (same port, one address each, as DNSRR lists
/// them), optional spare tasks not yet in DNS, and the real edge-gateway in front. Everything is killed on dispose,
/// and also when start-up fails half way.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private readonly List<WhoamiTask> _tasks = [];
    private readonly List<WhoamiTask> _spares = [];
    private GatewayProcess? _gateway;
    private RoutesFile? _routes;

    public TestDnsServer Dns { get; } = TestDnsServer.Start();

    public WhoamiTask Vip { get; private set; } = null!;

    /// <summary>The tasks of whoami-dnsrr that DNS lists from the start.</summary>
    public IReadOnlyList<WhoamiTask> Tasks => _tasks;

    /// <summary>Running tasks that DNS does not list yet.</summary>
    public IReadOnlyList<WhoamiTask> Spares => _spares;

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("fixture not started");

    public RoutesFile Routes => _routes ?? throw new InvalidOperationException("fixture not started");

    protected virtual int TaskCount => 3;

    protected virtual int SpareCount => 0;

    /// <summary>Options added to the gateway's command line.</summary>
    protected virtual string[] GatewayArguments => [];

    public async ValueTask InitializeAsync()
    {
        try
        {
            var addresses = Enumerable.Range(2, 1 + TaskCount + SpareCount).Select(i => IPAddress.Parse($"127.0.0.{i}")).ToArray();
            var port = FreePort.OnAll(addresses);
            Vip = await WhoamiTask.StartAsync("vip", addresses[0], port);
            foreach (var address in addresses.Skip(1))
            {
                var task = await WhoamiTask.StartAsync($"task-{address.GetAddressBytes()[3]}", address, port);
                (_tasks.Count < TaskCount ? _tasks : _spares).Add(task);
            }

            Dns.SetRecords(RoutesFile.VipService, Vip.Address);
            PublishTasks();
            _routes = new RoutesFile(port);
            _routes.Write(_routes.Standard());
            _gateway = await GatewayProcess.StartReadyAsync(_routes.FilePath, Dns.EndPoint.ToString(), ["--dns-refresh", "1s", .. GatewayArguments]);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Points <c>tasks.whoami-dnsrr</c> at the given tasks (default: the initial ones).</summary>
    public void PublishTasks(IEnumerable<WhoamiTask>? tasks = null) =>
        Dns.SetRecords("tasks." + RoutesFile.DnsrrService, [.. (tasks ?? _tasks).Select(t => t.Address)]);

    /// <summary>Sends <paramref name="count"/> GETs through the gateway and returns which task answered each (all must be 200).</summary>
    public async Task<IReadOnlyList<string>> AnswerersAsync(string host, string path, int count)
    {
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var response = await EchoResponse.GetAsync(Gateway.Public, host, path);
            Assert.True(response.Status == HttpStatusCode.OK, $"GET {host}{path} answered {(int)response.Status}: {response.Body}");
            names.Add(response.TaskName ?? "(not whoami)");
        }

        return names;
    }

    /// <summary>What the gateway printed, for a failing test's message.</summary>
    public string GatewayLog => _gateway?.Process.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        _gateway?.Dispose();
        foreach (var task in _tasks.Concat(_spares))
        {
            task.Dispose();
        }

        Vip?.Dispose();
        await Dns.DisposeAsync();
        _routes?.Dispose();
        GC.SuppressFinalize(this);
    }
}
