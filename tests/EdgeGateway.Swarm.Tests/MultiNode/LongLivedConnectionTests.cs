using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// Long-lived connections through the whole path on three nodes: from the host (an off-node client) to a node's
/// published port, through the ingress mesh to a gateway task and on to a whoami task, over the VIP route (the
/// agent's VIP balancing) and the DNSRR route (the gateway's own choice of task). A WebSocket and a slow stream on
/// each route stay open while unrelated things change in turn: a task of each upstream added (scale 3 -> 4),
/// another task of each killed (swarm replaces it), and the agent killed on every node (swarm restarts it). After
/// each change every WebSocket echoes fresh content and every stream, never broken, delivers new chunks.
/// </summary>
/// <remarks>
/// The gateway's routes cannot be reloaded in swarm without replacing its tasks: they reach it as a swarm config,
/// which is immutable, so a changed routes.json is a new config and <c>docker service update --config-add</c> rolls
/// the gateway (a long-lived connection then lives as long as its gateway task drains). The routes file's reload is
/// covered by the integration tier (EdgeGateway.IntegrationTests.LongLivedConnectionTests). No gateway task is
/// changed here, so which gateway holds a connection does not matter.
/// </remarks>
[Collection(MultiNodeGroup.Name)]
public sealed class LongLivedConnectionTests(MultiNodeSwarm swarm, ITestOutputHelper output)
{
    private const int Replicas = 3;
    private static readonly string[] Upstreams = ["whoami", "whoami-dnsrr"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WebSocketsAndStreams_UnrelatedTasksAndAgentsChange_SurviveEveryChange()
    {
        await swarm.ReadyAsync();
        try
        {
            await using var vip = await LongLivedConnections.OpenAsync("VIP route", MultiNodeSwarm.Url(swarm.Nodes[1], "/"));
            await using var dnsrr = await LongLivedConnections.OpenAsync("DNSRR route", MultiNodeSwarm.Url(swarm.Nodes[2], "/dnsrr/"));
            var holders = new Dictionary<string, IReadOnlySet<string>>
            {
                ["whoami"] = await HoldersAsync("whoami", vip),
                ["whoami-dnsrr"] = await HoldersAsync("whoami-dnsrr", dnsrr),
            };
            LongLivedConnections[] connections = [vip, dnsrr];

            await ChangeAsync("after a task of each upstream was added", connections, () => ScaleAsync(Replicas + 1));
            await ChangeAsync("after another task of each upstream was killed", connections, () => KillOthersAsync(holders));
            await ChangeAsync("after the agent on every node was killed and restarted", connections, KillAgentsAsync);

            foreach (var connection in connections)
            {
                await connection.CloseAsync();
            }
        }
        finally
        {
            // Back to the steady state the other tests of the collection expect.
            await ScaleAsync(Replicas);
        }
    }

    /// <summary>The tasks holding a route's WebSocket and stream, which must be tasks of that route's service.</summary>
    private async Task<IReadOnlySet<string>> HoldersAsync(string service, LongLivedConnections connection)
    {
        var tasks = await swarm.RunningTasksAsync(service);
        var holders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, host) in new[] { ("WebSocket", connection.SocketHost), ("stream", connection.StreamHost) })
        {
            var task = tasks.FirstOrDefault(t => t.HasHostname(host));
            Assert.True(task is not null, $"the {kind} on the {service} route answered from '{host}', not a running task of {service}: {string.Join(", ", tasks)}");
            output.WriteLine($"{service}: the {kind} is held by task {task.Id} (container {host}) on {task.Node.Name}");
            holders.Add(task.Id);
        }

        return holders;
    }

    private async Task ChangeAsync(string change, IEnumerable<LongLivedConnections> connections, Func<Task> operation)
    {
        output.WriteLine($"== {change}");
        var started = TimeProvider.System.GetTimestamp();
        await operation();
        var operated = TimeProvider.System.GetElapsedTime(started);
        foreach (var connection in connections)
        {
            await connection.AssertAliveAsync(change);
        }

        output.WriteLine($"   every WebSocket echoed and every stream went on {change} (the change and swarm's convergence: {operated.TotalSeconds:F1} s; the checks: {(TimeProvider.System.GetElapsedTime(started) - operated).TotalSeconds:F1} s)");
    }

    /// <summary>
    /// Scales both upstreams and waits until swarm runs (and health-checks) every replica; polled rather than the
    /// CLI's own wait, which adds 5 s of watching per call.
    /// </summary>
    private async Task ScaleAsync(int replicas)
    {
        await swarm.ManagerAsync(["service", "scale", "--detach", .. Upstreams.Select(s => $"{MultiNodeSwarm.Service(s)}={replicas}")]);
        await Eventually.HoldsAsync($"both upstreams running {replicas} replicas", async () =>
            (await Task.WhenAll(Upstreams.Select(swarm.RunningTasksAsync))).All(t => t.Count == replicas) && await swarm.ConvergedAsync(), Deadline);
    }

    /// <summary>Kills one task of each upstream that holds none of the connections; waits for swarm's replacements.</summary>
    private async Task KillOthersAsync(Dictionary<string, IReadOnlySet<string>> holders)
    {
        var killed = new List<SwarmTask>();
        foreach (var service in Upstreams)
        {
            var other = (await swarm.RunningTasksAsync(service)).First(t => !holders[service].Contains(t.Id));
            output.WriteLine($"   killing {service} task {other.Id} on {other.Node.Name}");
            await MultiNodeSwarm.DockerAsync(other.Node, "kill", other.Container);
            killed.Add(other);
        }

        await Eventually.HoldsAsync("the killed tasks replaced and every service running its replicas", async () =>
        {
            var running = (await Task.WhenAll(Upstreams.Select(swarm.RunningTasksAsync))).SelectMany(t => t).Select(t => t.Id).ToHashSet();
            return !killed.Any(k => running.Contains(k.Id)) && await swarm.ConvergedAsync();
        }, Deadline);
    }

    /// <summary>Kills the agent on every node at once; waits until swarm has restarted every one and it is healthy.</summary>
    private async Task KillAgentsAsync()
    {
        var agents = await swarm.RunningTasksAsync("agent");
        Assert.Equal(swarm.Nodes.Count, agents.Count);
        await Task.WhenAll(agents.Select(a => MultiNodeSwarm.DockerAsync(a.Node, "kill", a.Container)));
        await Eventually.HoldsAsync("a new, healthy agent on every node", async () =>
        {
            var now = await swarm.RunningTasksAsync("agent");
            return now.Count == swarm.Nodes.Count && !now.Any(n => agents.Any(a => a.Container == n.Container)) && await swarm.ConvergedAsync();
        }, Deadline);
    }
}
