using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// The VIP balancing a node's agent holds: its rules in the sandbox of every container on the stack's network (where
/// VIPs are balanced), read from the kernel inside the node (its Docker namespace files live in its own mount namespace).
/// A draining backend has no rule (only conntrack keeps its connections), so an address in the rules takes new connections.
/// </summary>
public static class NodeVipRules
{
    /// <summary>Every such container's table as `nft` lists it; empty when the node has no container on the network.</summary>
    public static async Task<string> ReadAsync(SwarmNode node)
    {
        var rules = new System.Text.StringBuilder();
        var containers = await MultiNodeSwarm.DockerAsync(node, "ps", "-q", "--filter", $"network={MultiNodeSwarm.Stack}_edge").ConfigureAwait(false);
        foreach (var container in containers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = await Processes.RunAsync("docker", ["-H", node.DockerHost, "inspect", "-f", "{{.NetworkSettings.SandboxKey}}", container]).ConfigureAwait(false);
            if (key.ExitCode != 0 || string.IsNullOrWhiteSpace(key.Output))
            {
                continue; // exited meanwhile
            }

            var table = await MultiNodeSwarm.InSandboxAsync(node, key.Output.Trim(), "nft", "list", "table", "ip", "edge_mesh").ConfigureAwait(false);
            if (table.ExitCode == 0)
            {
                rules.AppendLine(CultureInfo.InvariantCulture, $"container {container}:\n{table.Output}");
            }
        }

        return rules.ToString();
    }

    /// <summary>True when the rules name the address as a whole (10.0.0.2, not 10.0.0.21).</summary>
    public static bool Holds(string rules, string address) => Regex.IsMatch(rules, $@"(?<![\d.]){Regex.Escape(address)}(?![\d])");
}
