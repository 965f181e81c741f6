using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// How the agents on swarm workers learn the cluster state, on a real 3-node swarm: every agent serves
/// /v1/cluster-state on the node's address to the swarm's nodes only, the workers' agents follow the manager's agent,
/// a task killed on a worker leaves the VIP balancing of every node (its own on the container event, the others
/// through the manager's agent), and so do the tasks of a worker whose dockerd stops (its agent reports them leaving,
/// the manager's agent reads that report). The test reads the state as an operator logged in on a node would: with
/// curl in the manager's network namespace (the host's own underlay address is no node, and is refused).
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class WorkerClusterStateTests(MultiNodeSwarm swarm, ITestOutputHelper output) : IDisposable
{
    private static readonly string[] CgroupRoots = ["/sys/fs/cgroup", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/unified"];
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
            versions = await Task.WhenAll(swarm.Nodes.Select(node => NodeAgents.VersionAsync(swarm.Manager, node)));
        }
        while (versions.Distinct().Count() > 1 && clock.Elapsed < Deadline && await Pause());

        output.WriteLine(string.Join("\n", swarm.Nodes.Zip(versions, (n, v) => $"{n.Name}: {v}")));
        Assert.Single(versions.Distinct());
        using var state = JsonDocument.Parse(await NodeAgents.StateAsync(swarm.Manager, swarm.Nodes[2]));
        Assert.Equal(MultiNodeSwarm.NodeCount, state.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Contains(state.RootElement.GetProperty("services").EnumerateArray(), s => s.GetProperty("name").GetString() == MultiNodeSwarm.Service("whoami"));
    }

    [Fact]
    public async Task ClusterState_ReadFromAnAddressThatIsNoNode_RefusedButMetricsServed()
    {
        await swarm.ReadyAsync();
        foreach (var node in swarm.Nodes)
        {
            using var state = await _http.GetAsync(NodeAgents.StateUrl(node), Cancellation);
            var answer = await state.Content.ReadAsStringAsync(Cancellation);
            output.WriteLine($"{node.Name}: HTTP {(int)state.StatusCode} {answer.Trim()}");
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, state.StatusCode);
            Assert.StartsWith("cluster state refused: ", answer, StringComparison.Ordinal);

            var metrics = await _http.GetStringAsync(new Uri($"http://{node.Address}:{NodeAgents.AdminPort}/metrics"), Cancellation);
            Assert.Matches(@"\nedge_agent_feed_refused_total [1-9]", metrics);
        }
    }

    [Fact]
    public async Task KilledTaskOnAWorker_LeavesTheBalancerOfEveryNode()
    {
        await swarm.ReadyAsync();
        var (worker, _, container, address) = await NodeAgents.RunningTaskOnAWorkerAsync(swarm, "whoami");
        // Before the kill, every node whose containers are on the stack's network balances the whoami VIP to the task.
        var before = await Task.WhenAll(swarm.Nodes.Select(NodeVipRules.ReadAsync));
        Assert.All(before, rules => Assert.True(rules.Length == 0 || NodeVipRules.Holds(rules, address), $"before the kill, {address} is missing from\n{rules}"));
        Assert.True(before.Count(r => r.Length > 0) >= 2, "fewer than 2 nodes hold VIP rules: nothing to check");

        var killed = Stopwatch.StartNew();
        await MultiNodeSwarm.DockerAsync(worker, "kill", container);
        output.WriteLine($"killed whoami container {container} ({address}) on {worker.Name}");

        foreach (var node in swarm.Nodes)
        {
            var rules = string.Empty;
            while (killed.Elapsed < Deadline)
            {
                rules = await NodeVipRules.ReadAsync(node);
                if (!NodeVipRules.Holds(rules, address))
                {
                    break;
                }

                await Task.Delay(250, Cancellation);
            }

            output.WriteLine($"{node.Name}: no new connections to {address} after {killed.Elapsed.TotalSeconds:F1} s (or less)\n{rules}");
            Assert.False(NodeVipRules.Holds(rules, address), $"{node.Name} still balances new connections to {address}");
        }
    }

    [Fact]
    public async Task StoppedDockerdOfAWorker_ItsTasksLeaveTheOtherNodesBalancersBeforeTheNodeIsDown()
    {
        await swarm.ReadyAsync();
        var (worker, _, container, address) = await NodeAgents.RunningTaskOnAWorkerAsync(swarm, "whoami");
        var others = swarm.Nodes.Where(n => n != worker).ToList();
        var before = await Task.WhenAll(others.Select(NodeVipRules.ReadAsync));
        Assert.True(before.Any(rules => NodeVipRules.Holds(rules, address)), $"before the stop, no other node balances the whoami VIP to {address}");
        var containerId = (await MultiNodeSwarm.DockerAsync(worker, "inspect", "-f", "{{.Id}}", container)).Trim();
        Assert.True(HasProcesses(worker, containerId), $"no cgroup with processes found for container {containerId} of {worker.Name}");

        // dockerd SIGTERM stops the node's containers: whoami keeps serving for its drain delay, so its task drains
        // (no new connections) long before it exits, and longer still before the manager marks the node down.
        var stopped = Stopwatch.StartNew();
        var stop = MultiNodeSwarm.StopNodeAsync(worker);
        output.WriteLine($"stopping the dockerd of {worker.Name}, which runs whoami task {address}");
        try
        {
            foreach (var node in others)
            {
                var rules = string.Empty;
                while (stopped.Elapsed < Deadline && NodeVipRules.Holds(rules = await NodeVipRules.ReadAsync(node), address))
                {
                    await Task.Delay(100, Cancellation);
                }

                // A stopping dockerd no longer answers: the kernel says whether the task's container still has processes.
                var draining = HasProcesses(worker, containerId);
                var workerState = (await swarm.ManagerAsync("node", "inspect", worker.Name, "--format", "{{.Status.State}}")).Trim();
                output.WriteLine($"{node.Name}: no new connections to {address} after {stopped.Elapsed.TotalSeconds:F1} s (or less); its container still running: {draining}; {worker.Name} is {workerState} for the manager\n{rules}");
                Assert.False(NodeVipRules.Holds(rules, address), $"{node.Name} still balances new connections to {address}");
                Assert.True(draining, $"{node.Name} dropped {address} only once its container was gone, not while it was draining");
                Assert.True(workerState != "down", $"{node.Name} dropped {address} only once the manager marked {worker.Name} down");
            }

            await stop;
        }
        finally
        {
            await stop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await MultiNodeSwarm.StartNodeAsync(worker);
            await swarm.ReadyAsync();
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// True while the container has processes: its cgroup under the node's cgroup parent (docker/swarm-nodes.sh puts
    /// every container of node N under edge-nodes/N), on cgroup v2 or v1.
    /// </summary>
    private static bool HasProcesses(SwarmNode node, string containerId) =>
        CgroupRoots
            .Select(root => Path.Combine(root, "edge-nodes", node.Name))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Where(dir => Path.GetFileName(dir).Contains(containerId, StringComparison.Ordinal))
            .Select(dir => Path.Combine(dir, "cgroup.procs"))
            .Any(procs => File.Exists(procs) && File.ReadAllText(procs).Trim().Length > 0);

    private static async Task<bool> Pause()
    {
        await Task.Delay(500, Cancellation);
        return true;
    }
}
