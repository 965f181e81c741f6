namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>A running task of a service: its id, the node running it and its container's full id.</summary>
public sealed record SwarmTask(string Id, SwarmNode Node, string Container)
{
    /// <summary>True when <paramref name="hostname"/> (a container's default hostname: its short id) names this task's container.</summary>
    public bool HasHostname(string hostname) => hostname.Length >= 12 && Container.StartsWith(hostname, StringComparison.Ordinal);
}
