using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeGateway.Convergence.Bench;

/// <summary>
/// nftables counters of new connections to given addresses, in one network namespace (entered with the given
/// nsenter arguments): a table of the benchmark's own, hooked after the agent's DNAT (filter output for connections
/// the namespace opens, filter forward for those it balances), so they count the connections a balancer sent on.
/// Only a connection's first SYN counts: a set remembers the source address and port of every one counted, so the
/// retransmitted SYNs to a dead address do not look like new connections.
/// </summary>
internal sealed partial class ConnectionCounters(string[] nsenter, IReadOnlyList<string> addresses)
{
    private const string Table = "edge_convergence";

    public static ConnectionCounters InProcessNamespace(int pid, IReadOnlyList<string> addresses) =>
        new([$"--net=/proc/{pid}/ns/net"], addresses);

    public async Task InstallAsync()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < addresses.Count; i++)
        {
            rules.Append(CultureInfo.InvariantCulture, $"  counter c{i} {{ }}\n");
        }

        rules.Append("  set seen { type ipv4_addr . inet_service; flags dynamic, timeout; timeout 5m; }\n");

        foreach (var hook in new[] { "output", "forward" })
        {
            rules.Append(CultureInfo.InvariantCulture, $"  chain {hook} {{ type filter hook {hook} priority 0; policy accept;\n");
            for (var i = 0; i < addresses.Count; i++)
            {
                rules.Append(CultureInfo.InvariantCulture, $"    ip daddr {addresses[i]} tcp flags & (syn | ack) == syn ip saddr . tcp sport != @seen add @seen {{ ip saddr . tcp sport }} counter name c{i}\n");
            }

            rules.Append("  }\n");
        }

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, $"table ip {Table} {{\n{rules}}}\n").ConfigureAwait(false);
            await Swarm.RunAsync("nsenter", [.. nsenter, "nft", "-f", file]).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Connections counted so far, per address (in the order given).</summary>
    public async Task<long[]> ReadAsync()
    {
        var listing = await Swarm.RunAsync("nsenter", [.. nsenter, "nft", "list", "counters", "table", "ip", Table]).ConfigureAwait(false);
        var counts = new long[addresses.Count];
        foreach (Match match in CounterLine().Matches(listing))
        {
            counts[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }

        return counts;
    }

    public async Task RemoveAsync()
    {
        try
        {
            await Swarm.RunAsync("nsenter", [.. nsenter, "nft", "delete", "table", "ip", Table]).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // the namespace is gone with its container
        }
    }

    [GeneratedRegex(@"counter c(\d+) \{\s*packets (\d+) bytes")]
    private static partial Regex CounterLine();
}
