namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// A client's connection to a node's published port as the node's ingress sandbox tracks it (conntrack): the backend
/// its balancer sent it to and the state it is in. For a connection that was accepted and then never answered, this
/// names the task it went to, or shows that no entry (so no balancing) is left for it.
/// </summary>
public static class NodeIngressConnections
{
    private const string IngressSandbox = "/var/run/docker/netns/ingress_sbox";

    public static async Task<string> DescribeAsync(SwarmNode node, int clientPort)
    {
        var port = clientPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = await MultiNodeSwarm.InSandboxAsync(node, IngressSandbox, "conntrack", "-L", "-p", "tcp", "--orig-port-src", port).ConfigureAwait(false);
        if (list.ExitCode != 0)
        {
            return $"conntrack -L in {node.Name}'s ingress sandbox failed: {list.Error.Trim()}";
        }

        var entries = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return entries.Length == 0
            ? $"{node.Name}'s ingress sandbox tracks no connection from port {port}"
            : $"{node.Name}'s ingress sandbox tracks: {string.Join(" | ", entries)}";
    }
}
