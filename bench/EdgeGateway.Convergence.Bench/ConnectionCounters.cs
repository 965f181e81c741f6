using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeGateway.Convergence.Bench;

/// <summary>
/// The new connections to given addresses in one network namespace (entered with the given nsenter arguments), each
/// with when it was opened: a table of the benchmark's own, hooked after the agent's DNAT (filter output for
/// connections the namespace opens, filter forward for those it balances), so it sees the connections a balancer sent
/// on. Only a connection's first SYN counts: a set per address remembers the source address and port of every one
/// counted, so the retransmitted SYNs to a dead address do not look like new connections. The kernel keeps each
/// element's remaining lifetime, so a read tells when every connection was opened (to a few milliseconds), not only
/// that it was opened since the previous read.
/// </summary>
internal sealed partial class ConnectionCounters(string[] nsenter, IReadOnlyList<string> addresses)
{
    private const string Table = "edge_convergence";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static ConnectionCounters InProcessNamespace(int pid, IReadOnlyList<string> addresses) =>
        new([$"--net=/proc/{pid}/ns/net"], addresses);

    public async Task InstallAsync()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < addresses.Count; i++)
        {
            rules.Append(CultureInfo.InvariantCulture, $"  set seen{i} {{ type ipv4_addr . inet_service; flags dynamic, timeout; timeout {Timeout.TotalMinutes}m; }}\n");
        }

        foreach (var hook in new[] { "output", "forward" })
        {
            rules.Append(CultureInfo.InvariantCulture, $"  chain {hook} {{ type filter hook {hook} priority 0; policy accept;\n");
            for (var i = 0; i < addresses.Count; i++)
            {
                rules.Append(CultureInfo.InvariantCulture, $"    ip daddr {addresses[i]} tcp flags & (syn | ack) == syn ip saddr . tcp sport != @seen{i} add @seen{i} {{ ip saddr . tcp sport }}\n");
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

    /// <summary>Per address (in the order given): when, on <paramref name="clock"/>, each connection counted so far was opened.</summary>
    public async Task<List<TimeSpan>[]> ReadAsync(Stopwatch clock)
    {
        var listing = await Swarm.RunAsync("nsenter", [.. nsenter, "nft", "list", "table", "ip", Table]).ConfigureAwait(false);
        // The kernel wrote the remaining lifetimes just before nft exited.
        var now = clock.Elapsed;
        var opened = addresses.Select(_ => new List<TimeSpan>()).ToArray();
        foreach (Match set in SetBlock().Matches(listing))
        {
            var index = int.Parse(set.Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (Match element in Expires().Matches(set.Groups[2].Value))
            {
                opened[index].Add(now - (Timeout - Duration(element.Groups[1].Value)));
            }
        }

        return opened;
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

    /// <summary>nft's durations: "4m58s696ms", "59s", "5m".</summary>
    private static TimeSpan Duration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in DurationPart().Matches(text))
        {
            var value = int.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(value),
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                _ => TimeSpan.FromMilliseconds(value),
            };
        }

        return total;
    }

    [GeneratedRegex(@"set seen(\d+) \{(.*?)\n\s*\}", RegexOptions.Singleline)]
    private static partial Regex SetBlock();

    [GeneratedRegex(@"expires ([0-9dhms]+)")]
    private static partial Regex Expires();

    [GeneratedRegex(@"(\d+)(ms|d|h|m|s)")]
    private static partial Regex DurationPart();
}
