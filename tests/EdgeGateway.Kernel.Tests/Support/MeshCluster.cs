using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// Several standalone mesh nodes on this machine. The underlay is a bridge inside a namespace of its own (so the
/// host's forwarding policy plays no part); each node is a namespace on it running the real edge-agent; tasks are
/// namespaces attached to the overlay bridge the agent builds in the node's ingress sandbox, each running an
/// <see cref="EchoServer"/> named after the task; a client namespace on the underlay stands for the outside world.
/// Nothing has a route off the machine. Everything goes away on dispose, also when a test failed.
/// </summary>
internal sealed class MeshCluster : IAsyncDisposable
{
    public const int Port = 8080;
    public const string IngressSubnet = "10.216.0.0/24";
    private const string OverlayBridge = "eg-br0";

    // Several agents start and converge on two shared cores, inside namespaces: give them a generous while.
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(90);

    private readonly KernelTestScope _scope;
    private readonly string _workDirectory;
    private readonly Dictionary<string, AgentProcess> _agents = [];
    private readonly Dictionary<string, EchoServer> _servers = [];
    private readonly Dictionary<string, NetNamespace> _nodeNamespaces = [];

    private MeshCluster(KernelTestScope scope, NetNamespace client, string workDirectory)
    {
        _scope = scope;
        Client = client;
        _workDirectory = workDirectory;
        StateFile = Path.Combine(workDirectory, "mesh-state.json");
    }

    public NetNamespace Client { get; }

    public string StateFile { get; }

    /// <summary>Node names (also their namespace names), n1, n2, ... behind the test prefix.</summary>
    public List<string> Nodes { get; } = [];

    public static IPAddress Underlay(int node) => IPAddress.Parse($"10.215.0.{10 + node}");

    public static IPAddress TaskAddress(int task) => IPAddress.Parse($"10.216.0.{20 + task}");

    public static string SandboxOf(string node) => PlannerOptions.DefaultNamespacePrefix + node;

    public static async Task<MeshCluster> CreateAsync(KernelTestScope scope, int nodes)
    {
        if (!CommandRunner.IsInstalled("nsenter") || !File.Exists(Path.Combine(AppContext.BaseDirectory, "edge-agent.dll")))
        {
            Assert.Skip("SKIPPED: the mesh cluster needs nsenter (util-linux) and edge-agent built next to the tests");
        }

        var underlay = await scope.CreateNamespaceAsync("ul");
        var client = await scope.CreateNamespaceAsync("cl");
        if (!await underlay.RunAsync(NftablesDataplanes.IsAvailable))
        {
            Assert.Skip("SKIPPED: libnftables.so.1 cannot be loaded or cannot reach the kernel (apt-get install libnftables1)");
        }

        var work = Directory.CreateTempSubdirectory(scope.Prefix).FullName;
        var cluster = new MeshCluster(scope, client, work);
        try
        {
            await Cli.IpAsync(underlay.Name, "link", "add", "br0", "type", "bridge");
            await Cli.IpAsync(underlay.Name, "link", "set", "br0", "up");
            await PlugAsync(underlay.Name, "cl", client.Name, IPAddress.Parse("10.215.0.100"));
            for (var i = 1; i <= nodes; i++)
            {
                var ns = await scope.CreateNamespaceAsync($"n{i}");
                scope.TrackNamespace(SandboxOf(ns.Name));
                await PlugAsync(underlay.Name, $"n{i}", ns.Name, Underlay(i));
                cluster.Nodes.Add(ns.Name);
                cluster._nodeNamespaces[ns.Name] = ns;
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public NetNamespace NodeNamespace(string node) => _nodeNamespaces[node];

    public Task WriteStateAsync(IEnumerable<MeshTask> tasks) =>
        MeshStateFile.WriteAsync(StateFile, Nodes.Select((n, i) => (n, Underlay(i + 1))), tasks);

    /// <summary>Starts `edge-agent run` on a node and waits until its /healthz says the kernel matches the plan.</summary>
    public async Task StartAgentAsync(string node)
    {
        var agent = AgentProcess.Start(node, _workDirectory, AgentArgs("run", node));
        _agents[node] = agent;
        using var http = NamespaceHttp.Create(_nodeNamespaces[node]);
        await Eventually.HoldsAsync(
            $"edge-agent on {node} healthy",
            async () =>
            {
                Assert.False(agent.HasExited, $"edge-agent on {node} exited:\n{agent.Log}");
                return (await http.GetAsync(new Uri("http://127.0.0.1:9464/healthz"))).IsSuccessStatusCode;
            },
            Convergence,
            () => agent.Log);
    }

    public async Task StopAgentAsync(string node)
    {
        await _agents[node].StopAsync();
        await _agents[node].DisposeAsync();
        _agents.Remove(node);
    }

    public Task<(int Code, string Output)> RunAgentCommandAsync(string command, string node) =>
        AgentProcess.RunOnceAsync(node, _workDirectory, AgentArgs(command, node));

    public string AgentLogs() => string.Join("\n", _agents.Select(a => $"--- edge-agent {a.Key}\n{a.Value.Log}"));

    /// <summary>A task's namespace, plugged into the overlay bridge of its node's sandbox, serving as its id.</summary>
    public async Task AttachTaskAsync(MeshTask task)
    {
        var sandbox = SandboxOf(task.Node);
        await Eventually.HoldsAsync(
            $"overlay bridge of {task.Node}",
            async () => NetNamespaceStore.Exists(sandbox) && (await CommandRunner.RunAsync("ip", ["-n", sandbox, "link", "show", OverlayBridge])).Succeeded,
            Convergence,
            AgentLogs);
        var ns = await _scope.CreateNamespaceAsync(task.Id);
        await Cli.IpAsync(sandbox, "link", "add", task.Id, "type", "veth", "peer", "name", "eth0", "netns", ns.Name);
        await Cli.IpAsync(sandbox, "link", "set", task.Id, "master", OverlayBridge);
        await Cli.IpAsync(sandbox, "link", "set", task.Id, "up");
        await Cli.IpAsync(ns.Name, "addr", "add", $"{task.Address}/24", "dev", "eth0");
        await Cli.IpAsync(ns.Name, "link", "set", "eth0", "up");
        await Cli.IpAsync(ns.Name, "link", "set", "lo", "up");
        _servers[task.Id] = await EchoServer.StartAsync(ns, task.Id, Port);
    }

    /// <summary>Waits until every node's balancer sends new TCP connections to exactly these task addresses.</summary>
    public Task WaitForBackendsAsync(params IPAddress[] expected) =>
        Eventually.HoldsAsync(
            $"every node balancing to {string.Join(", ", expected.Select(a => a.ToString()))}",
            async () =>
            {
                foreach (var node in Nodes)
                {
                    var backends = await BackendsAsync(node);
                    if (backends is null || !backends.Order().SequenceEqual(expected.Select(a => a.ToString()).Order()))
                    {
                        return false;
                    }
                }

                return true;
            },
            Convergence,
            AgentLogs);

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }

        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_workDirectory, recursive: true);
    }

    /// <summary>Task addresses the node's sandbox balancer picks from for the published TCP port; null before it exists.</summary>
    private static async Task<List<string>?> BackendsAsync(string node)
    {
        var json = await Cli.NftListTableAsync(SandboxOf(node), BalancerTable.Name);
        var ruleset = json is null ? null : BalancerTableReader.Read(TableDump.Parse(json, BalancerTable.Name));
        var frontend = ruleset?.Chains.Values.FirstOrDefault(c => c.Frontend.Port == Port && c.Frontend.Protocol == L4Protocol.Tcp);
        return frontend?.Backends.Select(b => b.Address.ToString()).ToList();
    }

    private string[] AgentArgs(string command, string node) =>
        [command, "--node", node, "--state", StateFile, "--dataplane", "nftables", "--admin-url", "http://127.0.0.1:9464"];

    /// <summary>A veth from the underlay bridge to eth0 of <paramref name="peer"/>, with its underlay address.</summary>
    private static async Task PlugAsync(string underlay, string device, string peer, IPAddress address)
    {
        await Cli.IpAsync(underlay, "link", "add", device, "type", "veth", "peer", "name", "eth0", "netns", peer);
        await Cli.IpAsync(underlay, "link", "set", device, "master", "br0");
        await Cli.IpAsync(underlay, "link", "set", device, "up");
        await Cli.IpAsync(peer, "addr", "add", $"{address}/24", "dev", "eth0");
        await Cli.IpAsync(peer, "link", "set", "eth0", "up");
        await Cli.IpAsync(peer, "link", "set", "lo", "up");
    }
}
