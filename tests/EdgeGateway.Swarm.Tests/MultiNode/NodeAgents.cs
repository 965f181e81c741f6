using System.Text.Json;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// The stack's node agents read as an operator logged in on a node reads them: with curl in a node's network namespace
/// (the host's own underlay address is no node of the swarm, and the cluster state is refused to it).
/// </summary>
internal static class NodeAgents
{
    public const int AdminPort = 9464;

    public static Uri StateUrl(SwarmNode agent) => new($"http://{agent.Address}:{AdminPort}/v1/cluster-state");

    /// <summary>The cluster state the agent of <paramref name="agent"/> serves, read from the namespace of <paramref name="from"/>.</summary>
    public static Task<string> StateAsync(SwarmNode from, SwarmNode agent) =>
        CurlAsync(from, "-H", "Accept: application/json", StateUrl(agent).ToString());

    /// <summary>The version (ETag) of the state the agent of <paramref name="agent"/> serves.</summary>
    public static async Task<string> VersionAsync(SwarmNode from, SwarmNode agent)
    {
        var version = await CurlAsync(from, "-o", "/dev/null", "-w", "%header{etag}", StateUrl(agent).ToString()).ConfigureAwait(false);
        return version.Length > 0 ? version : throw new InvalidOperationException($"{StateUrl(agent)}: no ETag");
    }

    /// <summary>curl, failing on an error status, inside the network namespace of <paramref name="node"/>.</summary>
    public static Task<string> CurlAsync(SwarmNode node, params string[] args) =>
        MultiNodeSwarm.InNodeAsync(node, ["curl", "-sS", "--fail-with-body", "--max-time", "45", .. args]);

    /// <summary>A running task of <paramref name="service"/> on a worker, as the manager's agent lists it.</summary>
    public static async Task<WorkerTask> RunningTaskOnAWorkerAsync(MultiNodeSwarm swarm, string service)
    {
        ArgumentNullException.ThrowIfNull(swarm);
        using var state = JsonDocument.Parse(await StateAsync(swarm.Manager, swarm.Manager).ConfigureAwait(false));
        foreach (var worker in swarm.Nodes.Skip(1))
        {
            var nodeId = (await MultiNodeSwarm.DockerAsync(worker, "info", "--format", "{{.Swarm.NodeID}}").ConfigureAwait(false)).Trim();
            var task = state.RootElement.GetProperty("tasks").EnumerateArray().FirstOrDefault(t =>
                t.GetProperty("service").GetString() == MultiNodeSwarm.Service(service) && t.GetProperty("node").GetString() == nodeId
                && t.GetProperty("state").GetString() == "running");
            if (task.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var id = task.GetProperty("id").GetString()!;
            var container = (await MultiNodeSwarm.DockerAsync(worker, "ps", "-q", "--filter", $"label=com.docker.swarm.task.id={id}").ConfigureAwait(false)).Trim();
            return new WorkerTask(worker, id, container, task.GetProperty("addresses").EnumerateObject().First().Value.GetString()!);
        }

        Assert.Fail($"no {service} task runs on a worker");
        return default!;
    }
}

/// <summary>A task running on a worker: the node, the task's id, its container and its address on the stack's network.</summary>
internal sealed record WorkerTask(SwarmNode Worker, string Id, string Container, string Address);
