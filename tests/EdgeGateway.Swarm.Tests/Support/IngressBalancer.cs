using System.Text.RegularExpressions;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// What Docker's ingress sandbox holds for the published port, read from the kernel: the agent's balancer (nft) and
/// the connections it balanced (conntrack).
/// </summary>
public static class IngressBalancer
{
    private const string Sandbox = "/var/run/docker/netns/ingress_sbox";

    public static async Task<string> RulesAsync() =>
        await Processes.CheckedAsync("nsenter", $"--net={Sandbox}", "nft", "list", "table", "ip", "edge_mesh").ConfigureAwait(false);

    /// <summary>True when the ruleset names the address as a whole (10.0.0.2, not 10.0.0.21).</summary>
    public static bool Names(string rules, string address) =>
        Regex.IsMatch(rules, $@"(?<![\d.]){Regex.Escape(address)}(?![\d])", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>How many conntrack entries of the sandbox the address answers (the connections balanced to it).</summary>
    public static async Task<int> ConnectionsAnsweredByAsync(string address)
    {
        // conntrack -L prints the entries on stdout and "N flow entries have been shown" on stderr.
        var list = await Processes.RunAsync("nsenter", [$"--net={Sandbox}", "conntrack", "-L", "--reply-src", address]).ConfigureAwait(false);
        return list.ExitCode == 0
            ? list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length
            : throw new InvalidOperationException(list.Describe($"conntrack -L --reply-src {address} in the ingress sandbox"));
    }
}
