using System.Diagnostics;
using System.Text.Json;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// The agent where Docker's own mesh balances (a kernel with IPVS; forced here with --dataplane none, since this kernel
/// has none and the stack's agents balance): started beside the stack's agent on a worker, in a container with every
/// capability dropped and no access to Docker's namespaces, it follows the manager's agent, publishes a task killed on
/// its node as soon as the container dies, and programs nothing.
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class ObserverAgentTests(MultiNodeSwarm swarm, ITestOutputHelper output)
{
    private const int ObserverPort = 9465;
    private const string Observer = "edge-observer-agent";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    // Far below the swarm's own view of the kill reaching the state twice over (task poll and long poll): the node's
    // container event is what the observer publishes.
    private static readonly TimeSpan LeavingDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ObservingAgentOnAWorker_FollowsTheManagerAndItsNodesEvents_ProgrammingNothing()
    {
        await swarm.ReadyAsync();
        var (worker, taskId, container, _) = await NodeAgents.RunningTaskOnAWorkerAsync(swarm, "whoami-dnsrr");
        var image = (await swarm.ManagerAsync("service", "inspect", "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", MultiNodeSwarm.Service("agent"))).Trim();
        await MultiNodeSwarm.DockerAsync(
            worker, "run", "--detach", "--name", Observer, "--network", "host", "--cap-drop", "ALL",
            "--volume", "/var/run/docker.sock:/var/run/docker.sock:ro", image,
            "run", "--source", "docker", "--dataplane", "none",
            "--admin-url", $"http://127.0.0.1:{ObserverPort}", "--manager-url", $"http://{swarm.Manager.Address}:{NodeAgents.AdminPort}");
        try
        {
            await Eventually.ValueAsync($"the observing agent on {worker.Name} is healthy", () => CurlAsync(worker, "/healthz"), h => h == "ok", Deadline, () => LogsOf(worker));
            var managers = await NodeAgents.VersionAsync(swarm.Manager, swarm.Manager);
            var followed = await Eventually.ValueAsync(
                $"the observing agent serves the manager's agent's state ({managers})",
                () => CurlAsync(worker, "/v1/cluster-state", "-o", "/dev/null", "-w", "%header{etag}"),
                v => v == managers,
                Deadline,
                () => LogsOf(worker));
            output.WriteLine($"the observing agent on {worker.Name} serves state {followed}, as the manager's agent");

            var killed = Stopwatch.StartNew();
            await MultiNodeSwarm.DockerAsync(worker, "kill", container);
            var state = await Eventually.ValueAsync(
                $"the observing agent publishes whoami-dnsrr task {taskId} as no longer running",
                async () => TaskState(await CurlAsync(worker, "/v1/cluster-state"), taskId),
                s => s != "running",
                LeavingDeadline,
                () => LogsOf(worker));
            output.WriteLine($"killed {container} on {worker.Name}: the observing agent published its task {state} within {killed.Elapsed.TotalSeconds:F1} s");

            var metrics = await CurlAsync(worker, "/metrics");
            var logs = await MultiNodeSwarm.DockerAsync(worker, "logs", Observer);
            output.WriteLine(logs);
            // Healthy without NET_ADMIN already shows it: an agent that programmed a kernel could not have synced.
            Assert.DoesNotMatch(@"\nedge_agent_kernel_operations_total [1-9]", metrics);
            Assert.DoesNotContain("edge_agent_reconciles_total{", metrics, StringComparison.Ordinal);
            Assert.Contains("dataplane none", logs, StringComparison.Ordinal);
        }
        finally
        {
            await MultiNodeSwarm.DockerAsync(worker, "rm", "--force", Observer);
            await swarm.ReadyAsync();
        }
    }

    /// <summary>The task's state in a published cluster state; "gone" when it is no longer listed.</summary>
    private static string TaskState(string json, string taskId)
    {
        using var state = JsonDocument.Parse(json);
        var task = state.RootElement.GetProperty("tasks").EnumerateArray().FirstOrDefault(t => t.GetProperty("id").GetString() == taskId);
        return task.ValueKind == JsonValueKind.Undefined ? "gone" : task.GetProperty("state").GetString()!;
    }

    /// <summary>The observing agent's admin endpoint, read on loopback inside the worker's network namespace.</summary>
    private static async Task<string> CurlAsync(SwarmNode worker, string path, params string[] args) =>
        (await NodeAgents.CurlAsync(worker, [.. args, $"http://127.0.0.1:{ObserverPort}{path}"])).Trim();

    private static string LogsOf(SwarmNode worker) =>
        MultiNodeSwarm.DockerAsync(worker, "logs", "--tail", "40", Observer).GetAwaiter().GetResult();
}
