using System.Globalization;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// A worker's agent whose manager's agent goes away fails over to another manager's, on a real swarm: node 2 promoted
/// (two managers, node 3 stays a worker), the agent service kept off node 1 for good by a placement constraint (a killed
/// agent would be back within seconds), then whoami scaled. Node 3's VIP balancing must take the new tasks, which only
/// the promoted node's agent, serving the state as a manager now, can tell it; its log must say it follows that agent.
/// Everything is put back afterwards, also when the test fails, so the other tests of the collection find the same
/// steady swarm.
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class ManagerFailoverTests(MultiNodeSwarm swarm, ITestOutputHelper output)
{
    private const int Replicas = 3;
    private const int ScaledReplicas = 5;
    private const string ManagerRoleStarted = "state from docker (engine API";
    private const string FollowedLine = "Following the cluster state of the manager's agent at ";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static string Agent => MultiNodeSwarm.Service("agent");

    private static string Whoami => MultiNodeSwarm.Service("whoami");

    [Fact]
    public async Task WorkerAgent_FollowedManagersAgentGone_FollowsAnotherManager()
    {
        await swarm.ReadyAsync();
        var (first, promoted, worker) = (swarm.Nodes[0], swarm.Nodes[1], swarm.Nodes[2]);
        var offFirst = $"node.hostname!={first.Name}";
        var changes = new Changes();
        var passed = false;
        try
        {
            var workerAgent = await AgentContainerAsync(worker);
            Assert.Equal(AgentUrl(first), LastFollowed(await AgentLogAsync(worker, workerAgent)));

            var promotedAt = Since();
            await swarm.ManagerAsync("node", "promote", promoted.Name);
            changes.Promoted = true;
            await Eventually.HoldsAsync(
                $"{promoted.Name}'s agent runs in the manager's role",
                async () => (await AgentLogAsync(promoted, await AgentContainerAsync(promoted), promotedAt)).Contains(ManagerRoleStarted, StringComparison.Ordinal),
                Deadline);
            output.WriteLine($"{promoted.Name} promoted; its agent serves the state as a manager");

            var goneAt = Since();
            await swarm.ManagerAsync("service", "update", "--detach", "--constraint-add", offFirst, Agent);
            changes.AgentOffFirst = true;
            await Eventually.HoldsAsync($"no agent runs on {first.Name}", async () => await AgentContainerAsync(first) is "", Deadline);
            Assert.Equal(workerAgent, await AgentContainerAsync(worker));
            output.WriteLine($"the agent is gone from {first.Name}; {worker.Name}'s agent ({workerAgent[..12]}) still runs");

            var before = (await WhoamiTasksAsync()).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            await swarm.ManagerAsync("service", "scale", "--detach", $"{Whoami}={ScaledReplicas}");
            changes.Scaled = true;
            var added = await Eventually.ValueAsync(
                $"{ScaledReplicas - Replicas} new whoami tasks running",
                async () => (await WhoamiTasksAsync()).Where(t => !before.Contains(t.Id)).ToList(),
                tasks => tasks.Count == ScaledReplicas - Replicas,
                Deadline);
            output.WriteLine($"new whoami tasks: {string.Join(", ", added.Select(t => $"{t.Address} on {t.Node}"))}");

            var rules = await Eventually.ValueAsync(
                $"{worker.Name}'s VIP rules hold every new whoami task",
                () => NodeVipRules.ReadAsync(worker),
                r => added.All(t => NodeVipRules.Holds(r, t.Address)),
                Deadline);
            output.WriteLine($"{worker.Name}'s VIP rules now balance whoami as:\n{string.Join('\n', rules.Split('\n').Where(l => added.Any(t => NodeVipRules.Holds(l, t.Address))).Distinct())}");

            using var traffic = new Traffic();
            var (seen, took) = await traffic.UntilAllAnswerAsync(
                MultiNodeSwarm.Url(worker, "/"), added.Select(t => t.Hostname).ToHashSet(StringComparer.Ordinal), Deadline, TestContext.Current.CancellationToken);
            output.WriteLine($"through {worker.Name}'s published port within {took.TotalSeconds:F1} s: {string.Join(", ", seen)}");
            Assert.Superset(added.Select(t => t.Hostname).ToHashSet(StringComparer.Ordinal), seen.ToHashSet(StringComparer.Ordinal));

            var log = await AgentLogAsync(worker, workerAgent, goneAt);
            output.WriteLine($"{worker.Name}'s agent since the agent left {first.Name}:\n{log}");
            Assert.Equal(AgentUrl(promoted), LastFollowed(log));
            passed = true;
        }
        finally
        {
            if (!passed)
            {
                await WriteAgentLogsAsync(promoted, worker);
            }

            try
            {
                await RestoreAsync(changes, offFirst, promoted);
            }
            catch (Exception e) when (!passed)
            {
                output.WriteLine($"!!! restoring the swarm failed too: {e}");
            }
        }
    }

    /// <summary>Undoes what the test changed and waits until the swarm is steady: agents on every node following the same state.</summary>
    private async Task RestoreAsync(Changes changes, string offFirst, SwarmNode promoted)
    {
        if (changes.Scaled)
        {
            await swarm.ManagerAsync("service", "scale", "--detach", $"{Whoami}={Replicas}");
        }

        if (changes.AgentOffFirst)
        {
            await swarm.ManagerAsync("service", "update", "--detach", "--constraint-rm", offFirst, Agent);
        }

        if (changes.Promoted)
        {
            var demotedAt = Since();
            await swarm.ManagerAsync("node", "demote", promoted.Name);
            await Eventually.HoldsAsync(
                $"{promoted.Name}'s agent runs in the worker's role again",
                async () => (await AgentLogAsync(promoted, await AgentContainerAsync(promoted), demotedAt)).Contains("a manager's agent (/v1/cluster-state)", StringComparison.Ordinal),
                Deadline);
        }

        await Eventually.HoldsAsync("every node's agent serves the same state", SameStateEverywhereAsync, Deadline);
        await swarm.ReadyAsync();
    }

    private async Task<bool> SameStateEverywhereAsync()
    {
        if (!await swarm.ConvergedAsync())
        {
            return false;
        }

        var versions = await Task.WhenAll(swarm.Nodes.Select(n => MultiNodeSwarm.InNodeAsync(
            swarm.Manager, "curl", "-sS", "--fail", "--max-time", "10", "-o", "/dev/null", "-w", "%header{etag}", $"{AgentUrl(n)}v1/cluster-state")));
        return versions.All(v => v.Length > 0) && versions.Distinct().Count() == 1;
    }

    /// <summary>The running whoami tasks with their address on the stack's network and their container's hostname.</summary>
    private async Task<List<WhoamiTask>> WhoamiTasksAsync()
    {
        var tasks = new List<WhoamiTask>();
        var ids = await swarm.ManagerAsync("service", "ps", Whoami, "--filter", "desired-state=running", "-q", "--no-trunc");
        foreach (var id in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = (await swarm.ManagerAsync(
                "inspect", "--format",
                $"{{{{.Status.State}}}} {{{{.NodeID}}}} {{{{.Status.ContainerStatus.ContainerID}}}} {{{{range .NetworksAttachments}}}}{{{{if eq .Network.Spec.Name \"{MultiNodeSwarm.Stack}_edge\"}}}}{{{{index .Addresses 0}}}}{{{{end}}}}{{{{end}}}}",
                id)).Split(' ');
            if (fields is ["running", var node, { Length: >= 12 } container, { Length: > 0 } address])
            {
                tasks.Add(new WhoamiTask(id, node, container[..12], address.Split('/')[0]));
            }
        }

        return tasks;
    }

    /// <summary>What the agents said, for a failed run: the last lines of each node's agent log.</summary>
    private async Task WriteAgentLogsAsync(params SwarmNode[] nodes)
    {
        foreach (var node in nodes)
        {
            var log = await Processes.RunAsync("docker", ["-H", node.DockerHost, "logs", "--tail", "40", await AgentContainerAsync(node)]);
            output.WriteLine($"--- {node.Name}'s agent, last lines:\n{log.Output}{log.Error}");
        }
    }

    /// <summary>The node's running agent container ("" when none runs there).</summary>
    private static async Task<string> AgentContainerAsync(SwarmNode node) =>
        (await MultiNodeSwarm.DockerAsync(node, "ps", "-q", "--no-trunc", "--filter", $"label=com.docker.swarm.service.name={Agent}")).Trim();

    private static Task<string> AgentLogAsync(SwarmNode node, string container, string? since = null) =>
        MultiNodeSwarm.DockerAsync(node, ["logs", .. since is null ? Array.Empty<string>() : ["--since", since], container]);

    /// <summary>The manager's agent named by the last "Following ..." line of an agent's log.</summary>
    private static string? LastFollowed(string log) =>
        log.Split('\n').LastOrDefault(l => l.Contains(FollowedLine, StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(FollowedLine, StringComparison.Ordinal) + FollowedLine.Length)..].Trim()
            : null;

    private static string AgentUrl(SwarmNode node) => $"http://{node.Address}:{NodeAgents.AdminPort}/";

    /// <summary>A moment for `docker logs --since`, a second early so no line of the moment is lost.</summary>
    private static string Since() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture);

    private sealed record WhoamiTask(string Id, string Node, string Hostname, string Address);

    /// <summary>What the test changed so far, so that exactly that is undone.</summary>
    private sealed class Changes
    {
        public bool Promoted { get; set; }

        public bool AgentOffFirst { get; set; }

        public bool Scaled { get; set; }
    }
}
