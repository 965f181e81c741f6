using System.Diagnostics;
using EdgeGateway.Swarm.Tests.Support;
using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// Three nodes under continuous load (GETs and POSTs, kept-alive and new connections, to the published port on every
/// node, through the gateway to the VIP route and the DNSRR route) while ordinary operations and faults happen in
/// turn. Each is one phase with its own table in the log and its own target; the test fails naming every phase that
/// missed its target. A stopped worker is judged like a kill (requests to the other nodes may fail only if in flight
/// while it stopped); while it rejoins, no request to the other nodes may fail.
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class OperationsUnderLoadTests(MultiNodeSwarm swarm, ITestOutputHelper output)
{
    private const int Clients = 8;
    private static readonly string[] Upstreams = ["whoami", "whoami-dnsrr"];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromMinutes(3);
    private const int MaxFailureTimes = 30;

    // A failure sent late in one phase may end in the next: its logs start a little before that phase.
    private static readonly TimeSpan LogsBeforePhase = TimeSpan.FromSeconds(10);
    private readonly List<string> _missed = [];

    [Fact]
    public async Task Operations_UnderContinuousLoad_FailNoMoreThanTheirTargetsAllow()
    {
        await swarm.ReadyAsync();

        var targets = LoadTarget.Every(swarm.Nodes.Select(n => (n.Name, n.Address)), MultiNodeSwarm.Port, ["/", "/dnsrr/"]);
        await using var load = new SteadyLoad(targets, output, Clients, requestTimeout: TimeSpan.FromSeconds(5),
            acceptedConnection: (target, port) => NodeIngressConnections.DescribeAsync(swarm.Nodes.Single(n => n.Name == target.Node), port));
        load.Start();
        var worker = swarm.Nodes[^1];

        var upstreamKills = new KillMoments();
        var gatewayKills = new KillMoments();
        var nodeStops = new KillMoments();
        (string Name, Func<Task> Operation, Func<PhaseCounts, string?> Target)[] phases =
        [
            ("steady load, no change", () => Task.Delay(TimeSpan.FromSeconds(3)), PhaseTargets.NoFailure),
            ("service update --force whoami, whoami-dnsrr (stop-first)", () => ForceUpdateAsync("stop-first"), PhaseTargets.NoFailure),
            ("service update --force whoami, whoami-dnsrr (start-first)", () => ForceUpdateAsync("start-first"), PhaseTargets.NoFailure),
            ("service update --image gateway (rolling, start-first)", RollGatewayImageAsync, PhaseTargets.NoFailure),
            ("service scale whoami, whoami-dnsrr 3 -> 5 -> 3", ScaleUpAndDownAsync, PhaseTargets.NoFailure),
            ("docker kill of a whoami and a whoami-dnsrr task", () => KillTasksAsync(upstreamKills, Upstreams), PhaseTargets.OnlyInFlight(upstreamKills, getsRetried: true)),
            ("docker kill of a gateway task", () => KillTasksAsync(gatewayKills, "gateway"), PhaseTargets.OnlyInFlight(gatewayKills, getsRetried: false)),
            ($"agent on {worker.Name} killed, restarted by swarm", () => KillAgentAsync(worker), PhaseTargets.NoFailure),
            ($"dockerd of {worker.Name} stopped, its tasks rescheduled", () => StopNodeAsync(worker, nodeStops), PhaseTargets.OnlyInFlight(nodeStops, getsRetried: false, exceptNode: worker.Name)),
            ($"dockerd of {worker.Name} started again", () => StartNodeAsync(worker), PhaseTargets.NoFailureBut(worker.Name)),
            ("steady load after every change", () => Task.Delay(TimeSpan.FromSeconds(3)), PhaseTargets.NoFailure),
        ];
        for (var i = 0; i < phases.Length; i++)
        {
            if (!await PhaseAsync(load, phases[i].Name, phases[i].Operation, phases[i].Target))
            {
                // The swarm did not get back to its steady state: later phases would judge the wrong thing.
                _missed.Add($"not run after that: {string.Join("; ", phases.Skip(i + 1).Select(p => $"'{p.Name}'"))}");
                break;
            }
        }

        await load.StopAsync();
        Assert.True(_missed.Count == 0, "phases that missed their target:\n" + string.Join("\n", _missed));
    }

    /// <summary>
    /// Runs one operation under the load, lets it settle, and judges the phase's counts; false when the operation
    /// itself failed (the swarm did not converge again in time).
    /// </summary>
    private async Task<bool> PhaseAsync(SteadyLoad load, string name, Func<Task> operation, Func<PhaseCounts, string?> target)
    {
        var wallClock = DateTime.UtcNow;
        output.WriteLine(FormattableString.Invariant($"== phase '{name}' at {wallClock:HH:mm:ss.fff} UTC; tasks: {await PlacementAsync()}"));
        var began = Stopwatch.GetTimestamp();
        string? broken = null;
        try
        {
            await operation();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            broken = $"the operation itself failed: {e.Message}";
        }

        // Requests in flight when the operation finished count in this phase.
        await Task.Delay(Settle, TestContext.Current.CancellationToken);
        var phase = load.EndPhase(name);
        WriteFailureTimes(phase, began);
        var missed = broken ?? (phase.Sent == 0 ? "the load sent no request" : target(phase));
        output.WriteLine(missed is null ? $"phase '{name}': passes" : $"phase '{name}': MISSED: {missed}");
        if (missed is not null)
        {
            _missed.Add($"phase '{name}': {missed}\n  {string.Join("\n  ", phase.Samples.Take(5))}");
            await WriteServiceLogsAsync(wallClock - LogsBeforePhase);
        }

        return broken is null;
    }

    /// <summary>When each failed request was sent and ended, counted from the start of the operation: what a kill or a stop cost, and when.</summary>
    private void WriteFailureTimes(PhaseCounts phase, long began)
    {
        foreach (var failed in phase.FailedRequestsWhere(_ => true).OrderBy(r => r.Sent).Take(MaxFailureTimes))
        {
            output.WriteLine(FormattableString.Invariant(
                $"  failed: {failed.Row.Method} {failed.Row.Path} {failed.Row.Node} {failed.Row.Connection}: sent at {Stopwatch.GetElapsedTime(began, failed.Sent).TotalSeconds:F2} s, ended at {Stopwatch.GetElapsedTime(began, failed.Ended).TotalSeconds:F2} s ({failed.Failure?.Column}: {failed.Failure?.Detail})"));
        }
    }

    /// <summary>Which nodes run each service's tasks, e.g. "gateway n1 n3; whoami n1 n2 n3": what a kill or a stopped node takes down depends on it.</summary>
    private async Task<string> PlacementAsync()
    {
        var services = await Task.WhenAll(Upstreams.Prepend("gateway").Select(async service =>
            $"{service} {string.Join(' ', (await swarm.RunningTasksAsync(service)).Select(t => t.Node.Name).Order(StringComparer.Ordinal))}"));
        return string.Join("; ", services);
    }

    /// <summary>What the agents and gateways logged since shortly before the phase, to set beside the failure times.</summary>
    private async Task WriteServiceLogsAsync(DateTime since)
    {
        foreach (var service in new[] { "agent", "gateway" })
        {
            output.WriteLine(FormattableString.Invariant($"--- {service} logs since {since:HH:mm:ss.fff} UTC"));
            output.WriteLine(await swarm.ManagerAsync("service", "logs", "--timestamps", "--no-trunc", "--since",
                since.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), MultiNodeSwarm.Service(service)));
        }
    }

    private async Task ForceUpdateAsync(string order)
    {
        await Task.WhenAll(Upstreams.Select(service =>
            swarm.ManagerAsync("service", "update", "--force", "--detach=false", "--quiet", "--update-order", order, "--update-parallelism", "1",
                "--update-delay", "0s", "--update-monitor", "2s", MultiNodeSwarm.Service(service))));
    }

    /// <summary>The same image under a new tag on every node: a new service spec without a build.</summary>
    private async Task RollGatewayImageAsync()
    {
        var tag = $"edge-gateway:rolled-{DateTime.UtcNow:HHmmss}";
        await Task.WhenAll(swarm.Nodes.Select(n => MultiNodeSwarm.DockerAsync(n, "tag", "edge-gateway:local", tag)));
        await swarm.ManagerAsync("service", "update", "--image", tag, "--no-resolve-image", "--detach=false", "--quiet", "--update-order", "start-first",
            "--update-delay", "0s", "--update-monitor", "2s", MultiNodeSwarm.Service("gateway"));
    }

    private async Task ScaleUpAndDownAsync()
    {
        await swarm.ManagerAsync("service", "scale", "--detach=false", $"{MultiNodeSwarm.Service("whoami")}=5", $"{MultiNodeSwarm.Service("whoami-dnsrr")}=5");
        await swarm.ManagerAsync("service", "scale", "--detach=false", $"{MultiNodeSwarm.Service("whoami")}=3", $"{MultiNodeSwarm.Service("whoami-dnsrr")}=3");
    }

    /// <summary>
    /// Kills one running task's container of each service on the node running it; waits for swarm's replacements
    /// (right after a kill swarm still counts the dead task as running, so "converged" alone proves nothing yet).
    /// </summary>
    private async Task KillTasksAsync(KillMoments kills, params string[] services)
    {
        var killed = new List<(string Service, string Container)>();
        foreach (var service in services)
        {
            var (node, container) = await RunningTaskAsync(service, _ => true);
            await kills.MeasureAsync(() => MultiNodeSwarm.DockerAsync(node, "kill", container));
            killed.Add((service, container));
        }

        // Convergence counts running tasks, so once the dead one no longer runs it also waits for its replacement.
        foreach (var (service, container) in killed)
        {
            await AwaitAsync($"the killed task of {service} no longer running", async () => (await swarm.RunningTasksAsync(service)).All(t => t.Container != container));
        }

        await AwaitConvergedAsync();
    }

    private async Task KillAgentAsync(SwarmNode node)
    {
        var (_, container) = await RunningTaskAsync("agent", n => n == node);
        await MultiNodeSwarm.DockerAsync(node, "kill", container);
        await AwaitAsync($"a new agent task running on {node.Name}", async () => (await RunningTaskOrNullAsync("agent", n => n == node))?.Container is { } c && c != container);
        await AwaitConvergedAsync();
    }

    /// <summary>
    /// Stops the node's dockerd (its containers get their stop signal, then it exits) like a kill: only what was in flight
    /// meanwhile may fail, also GETs (a gateway task of the node is stopped too, and nobody retries its requests).
    /// </summary>
    private async Task StopNodeAsync(SwarmNode node, KillMoments stops)
    {
        await stops.MeasureAsync(() => MultiNodeSwarm.StopNodeAsync(node));
        await AwaitAsync($"{node.Name} down, and swarm counting every replicated service at its replicas", async () =>
            await swarm.ManagerAsync("node", "inspect", node.Name, "--format", "{{.Status.State}}") == "down"
            && await swarm.SwarmCountsConvergedAsync(replicatedOnly: true));
    }

    private async Task StartNodeAsync(SwarmNode node)
    {
        await MultiNodeSwarm.StartNodeAsync(node);
        await AwaitAsync($"{node.Name} ready", async () => await swarm.ManagerAsync("node", "inspect", node.Name, "--format", "{{.Status.State}}") == "ready");
        await AwaitConvergedAsync();
    }

    private async Task AwaitConvergedAsync() =>
        await AwaitAsync("every service running its replicas and both routes answering on every node", async () => await swarm.ConvergedAsync() && await swarm.AnswersEverywhereAsync());

    private static async Task AwaitAsync(string what, Func<Task<bool>> condition)
    {
        try
        {
            await Eventually.HoldsAsync(what, condition, PhaseDeadline);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            // The phase reports it; the remaining phases would judge a swarm that is not back to its steady state.
            throw new TimeoutException(e.Message, e);
        }
    }

    private async Task<(SwarmNode Node, string Container)> RunningTaskAsync(string service, Func<SwarmNode, bool> on) =>
        await RunningTaskOrNullAsync(service, on) ?? throw new InvalidOperationException($"no running task of {service}");

    /// <summary>A running task of the service on a node that matches, with its container id.</summary>
    private async Task<(SwarmNode Node, string Container)?> RunningTaskOrNullAsync(string service, Func<SwarmNode, bool> on) =>
        (await swarm.RunningTasksAsync(service)).FirstOrDefault(t => on(t.Node)) is { } task ? (task.Node, task.Container) : null;
}
