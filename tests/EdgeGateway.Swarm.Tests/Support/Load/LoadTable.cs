using System.Globalization;
using System.Text;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>Renders a phase's counts as a fixed-width text table for the test log, with the first failures below it.</summary>
public static class LoadTable
{
    private static readonly string[] FixedFailures = ["connection", "reset", "timeout", "other"];

    public static string Render(PhaseCounts phase)
    {
        // Status codes are columns of their own, in numeric order, only when some request got one.
        var statuses = phase.Rows.Values.SelectMany(r => r.Failures.Keys).Where(k => !FixedFailures.Contains(k))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        string[] header = ["method", "path", "node", "connections", "sent", "failed", .. FixedFailures, .. statuses];
        var lines = phase.Rows.OrderBy(r => r.Key.Method, StringComparer.Ordinal).ThenBy(r => r.Key.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Node, StringComparer.Ordinal).ThenBy(r => r.Key.Connection)
            .Select(r => Line(r.Key.Method, r.Key.Path, r.Key.Node, Name(r.Key.Connection), r.Value, statuses))
            .Append(Line("all", string.Empty, string.Empty, string.Empty, Sum(phase), statuses))
            .Prepend(header)
            .ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"phase '{phase.Name}': {phase.Sent} sent, {phase.Failed} failed\n");
        foreach (var line in lines)
        {
            // Names to the left, counts to the right.
            text.AppendJoin("  ", line.Select((cell, c) => c < 4 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).Append('\n');
        }

        foreach (var sample in phase.Samples.Take(10))
        {
            text.Append("  ").Append(sample).Append('\n');
        }

        return text.ToString();
    }

    private static string Name(ConnectionMode mode) => mode == ConnectionMode.KeepAlive ? "keep-alive" : "new";

    private static RowCounts Sum(PhaseCounts phase) => new(
        phase.Sent,
        phase.Rows.Values.SelectMany(r => r.Failures).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(f => f.Value), StringComparer.Ordinal),
        [],
        []);

    private static string[] Line(string method, string path, string node, string connection, RowCounts counts, List<string> statuses) =>
        [method, path, node, connection, Count(counts.Sent), Count(counts.Failed),
            .. FixedFailures.Concat(statuses).Select(column => Count(counts.Failures.GetValueOrDefault(column)))];

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
