using System.Text.RegularExpressions;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>What the agent's published-port balancer in Docker's ingress sandbox holds, read from the kernel with nft.</summary>
public static class IngressBalancer
{
    private const string Sandbox = "/var/run/docker/netns/ingress_sbox";

    public static async Task<string> RulesAsync() =>
        await Processes.CheckedAsync("nsenter", $"--net={Sandbox}", "nft", "list", "table", "ip", "edge_mesh").ConfigureAwait(false);

    /// <summary>True when the ruleset names the address as a whole (10.0.0.2, not 10.0.0.21).</summary>
    public static bool Names(string rules, string address) =>
        Regex.IsMatch(rules, $@"(?<![\d.]){Regex.Escape(address)}(?![\d])", RegexOptions.None, TimeSpan.FromSeconds(1));
}
