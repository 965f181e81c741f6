using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// How the agents on swarm workers learn the cluster state, on a real 3-node swarm: every agent serves
/// /v1/cluster-state on the node's address to the swarm's nodes only, the workers' agents follow the manager's agent,
/// and a task killed on a worker leaves the VIP balancing of every node (its own on the container event, the others
/// through the manager's agent). The test reads the state as an operator logged in on a node would: with curl in the
/// manager's network namespace (the host's own underlay address is no node, and is refused).
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class WorkerClusterStateTests(MultiNodeSwarm swarm, ITestOutputHelper output) : IDisposable
{
    private const int AdminPort = 9464;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClusterState_EveryNodesAgent_ServesTheManagersState()
    {
        await swarm.ReadyAsync();
        var clock = Stopwatch.StartNew();
        string[] versions;
        do
        {
            versions = await Task.WhenAll(swarm.Nodes.Select(VersionAsync));
        }
        while (versions.Distinct().Count() > 1 && clock.Elapsed < Deadline && await Pause());

        output.WriteLine(string.Join("\n", swarm.Nodes.Zip(versions, (n, v) => $"{n.Name}: {v}")));
        Assert.Single(versions.Distinct());
        using var state = JsonDocument.Parse(await StateAsync(swarm.Nodes[2]));
        Assert.Equal(MultiNodeSwarm.NodeCount, state.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Contains(state.RootElement.GetProperty("services").EnumerateArray(), s => s.GetProperty("name").GetString() == MultiNodeSwarm.Service("whoami"));
    }

    [Fact]
    public async Task ClusterState_ReadFromAnAddressThatIsNoNode_RefusedButMetricsServed()
    {
        await swarm.ReadyAsync();
        foreach (var node in swarm.Nodes)
        {
            using var state = await _http.GetAsync(StateUrl(node), Cancellation);
            var answer = await state.Content.ReadAsStringAsync(Cancellation);
            output.WriteLine($"{node.Name}: HTTP {(int)state.StatusCode} {answer.Trim()}");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, state.StatusCode);
            Assert.StartsWith("cluster state refused: ", answer, StringComparison.Ordinal);

            var metrics = await _http.GetStringAsync(new Uri($"http://{node.Address}:{AdminPort}/metrics"), Cancellation);
            Assert.Matches(@"\nedge_agent_feed_refused_total [1-9]", metrics);
        }
    }

    [Fact]
    public async Task KilledTaskOnAWorker_LeavesTheBalancerOfEveryNode()
    {
        await swarm.ReadyAsync();
        var (worker, container, address) = await WhoamiTaskOnAWorkerAsync();
        // Before the kill, every node whose containers are on the stack's network balances the whoami VIP to the task.
        var before = await Task.WhenAll(swarm.Nodes.Select(VipRulesAsync));
        Assert.All(before, rules => Assert.True(rules.Length == 0 || Holds(rules, address), $"before the kill, {address} is missing from\n{rules}"));
        Assert.True(before.Count(r => r.Length > 0) >= 2, "fewer than 2 nodes hold VIP rules: nothing to check");

        var killed = Stopwatch.StartNew();
        await MultiNodeSwarm.DockerAsync(worker, "kill", container);
        output.WriteLine($"killed whoami container {container} ({address}) on {worker.Name}");

        foreach (var node in swarm.Nodes)
        {
            var rules = string.Empty;
            while (killed.Elapsed < Deadline)
            {
                rules = await VipRulesAsync(node);
                if (!Holds(rules, address))
                {
                    break;
                }

                await Task.Delay(250, Cancellation);
            }

            output.WriteLine($"{node.Name}: no new connections to {address} after {killed.Elapsed.TotalSeconds:F1} s (or less)\n{rules}");
            Assert.False(Holds(rules, address), $"{node.Name} still balances new connections to {address}");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// The rules the node's agent holds in the sandbox of every container on the stack's network (where VIPs are
    /// balanced), read from the kernel inside the node (its Docker namespace files live in its own mount namespace).
    /// A draining backend has no rule (only conntrack keeps its connections), so an address in the rules takes new
    /// connections. Empty when the node has no such container.
    /// </summary>
    private static async Task<string> VipRulesAsync(SwarmNode node)
    {
        var rules = new System.Text.StringBuilder();
        var containers = await MultiNodeSwarm.DockerAsync(node, "ps", "-q", "--filter", $"network={MultiNodeSwarm.Stack}_edge");
        foreach (var container in containers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = await Processes.RunAsync("docker", ["-H", node.DockerHost, "inspect", "-f", "{{.NetworkSettings.SandboxKey}}", container]);
            if (key.ExitCode != 0 || string.IsNullOrWhiteSpace(key.Output))
            {
                continue; // exited meanwhile
            }

            var table = await Processes.RunAsync(
                "bash",
                [Path.Combine(EdgeDeployment.RepositoryRoot, "docker", "swarm-nodes.sh"), "exec", node.Name, "nsenter", $"--net={key.Output.Trim()}", "nft", "list", "table", "ip", "edge_mesh"],
                new Dictionary<string, string> { ["EDGE_NODES_PREFIX"] = MultiNodeSwarm.Prefix });
            if (table.ExitCode == 0)
            {
                rules.AppendLine(CultureInfo.InvariantCulture, $"container {container}:\n{table.Output}");
            }
        }

        return rules.ToString();
    }

    private static bool Holds(string rules, string address) => Regex.IsMatch(rules, $@"(?<![\d.]){Regex.Escape(address)}(?![\d])");

    /// <summary>A running whoami task on a worker: the node, its container and its address on the stack's network.</summary>
    private async Task<(SwarmNode Worker, string Container, string Address)> WhoamiTaskOnAWorkerAsync()
    {
        using var state = JsonDocument.Parse(await StateAsync(swarm.Manager));
        foreach (var worker in swarm.Nodes.Skip(1))
        {
            var nodeId = (await MultiNodeSwarm.DockerAsync(worker, "info", "--format", "{{.Swarm.NodeID}}")).Trim();
            var task = state.RootElement.GetProperty("tasks").EnumerateArray().FirstOrDefault(t =>
                t.GetProperty("service").GetString() == MultiNodeSwarm.Service("whoami") && t.GetProperty("node").GetString() == nodeId
                && t.GetProperty("state").GetString() == "running");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var container = (await MultiNodeSwarm.DockerAsync(worker, "ps", "-q", "--filter", $"label=com.docker.swarm.task.id={task.GetProperty("id").GetString()}")).Trim();
            return (worker, container, task.GetProperty("addresses").EnumerateObject().First().Value.GetString()!);
        }

        Assert.Fail("no whoami task runs on a worker");
        return default;
    }

    /// <summary>The version (ETag) the node's agent serves, read from the manager's namespace (a node's address).</summary>
    private async Task<string> VersionAsync(SwarmNode node)
    {
        var version = await CurlFromManagerAsync("-o", "/dev/null", "-w", "%header{etag}", StateUrl(node).ToString());
        return version.Length > 0 ? version : throw new InvalidOperationException($"{StateUrl(node)}: no ETag");
    }

    private Task<string> StateAsync(SwarmNode node) =>
        CurlFromManagerAsync("-H", "Accept: application/json", StateUrl(node).ToString());

    private Task<string> CurlFromManagerAsync(params string[] args) =>
        MultiNodeSwarm.InNodeAsync(swarm.Manager, ["curl", "-sS", "--fail-with-body", "--max-time", "45", .. args]);

    private static Uri StateUrl(SwarmNode node) => new($"http://{node.Address}:{AdminPort}/v1/cluster-state");

    private static async Task<bool> Pause()
    {
        await Task.Delay(500, Cancellation);
        return true;
    }
}
