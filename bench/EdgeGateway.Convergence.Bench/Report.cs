using System.Globalization;
using System.Text;

namespace EdgeGateway.Convergence.Bench;

/// <summary>The rounds' figures as markdown tables: the median of the rounds, then every round's value.</summary>
internal static class Report
{
    public static string Render(IReadOnlyList<GatewayService> gateways, IReadOnlyList<ScaleResult> scales, IReadOnlyList<KillResult> kills)
    {
        var text = new StringBuilder();
        text.Append("Scale up by one task (`docker service scale`): seconds from the command to\n\n");
        text.Append("| upstream path | the new task running (swarm) | ").AppendJoin(" | ", gateways.Select(g => $"its first answer through {g.Label}")).Append(" |\n");
        text.Append("|---|---:|").Append(string.Concat(gateways.Select(_ => "---:|"))).Append('\n');
        foreach (var path in UpstreamPath.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {path.Label} | {Series(scales.Select(s => Lookup(s.Running, path.Service)))} | ")
                .AppendJoin(" | ", gateways.Select(g => Series(scales.Select(s => Lookup(s.FirstAnswer, new ProbeKey(g, path))))))
                .Append(" |\n");
        }

        text.Append("\nTask killed (`docker kill`): seconds from the kill to the last new connection a gateway's tasks sent to the dead task")
            .Append(" (new connections to it after the kill; requests that failed at the client meanwhile)\n\n");
        text.Append("| upstream path | ").AppendJoin(" | ", gateways.Select(g => g.Label)).Append(" |\n");
        text.Append("|---|").Append(string.Concat(gateways.Select(_ => "---:|"))).Append('\n');
        foreach (var path in UpstreamPath.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {path.Label} | ").AppendJoin(" | ", gateways.Select(g =>
            {
                var key = new ProbeKey(g, path);
                var connections = kills.Sum(k => k.Connections.GetValueOrDefault(key));
                var failed = kills.Sum(k => k.Failures.GetValueOrDefault(key));
                return $"{Series(kills.Select(k => (TimeSpan?)(k.LastConnection.GetValueOrDefault(key) ?? TimeSpan.Zero)))} ({connections} connections; {failed} failed)";
            })).Append(" |\n");
        }

        var reused = kills.SelectMany(k => k.ReusedAddresses).ToList();
        if (reused.Count > 0)
        {
            text.Append("\nA replacement task got a dead task's address (its connections counted as the dead one's): ").AppendJoin(", ", reused).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>"median (round 1 / round 2 / ...)"; a round that never got there shows as "-" and counts as slowest.</summary>
    private static string Series(IEnumerable<TimeSpan?> values)
    {
        var all = values.ToList();
        var sorted = all.Select(v => v?.TotalSeconds ?? double.MaxValue).Order().ToList();
        var median = sorted[(sorted.Count - 1) / 2];
        return $"**{Seconds(median)}** ({string.Join(" / ", all.Select(v => Seconds(v?.TotalSeconds ?? double.MaxValue)))})";
    }

    private static string Seconds(double value) => value == double.MaxValue ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static TimeSpan? Lookup<TKey>(IReadOnlyDictionary<TKey, TimeSpan> values, TKey key) => values.TryGetValue(key, out var v) ? v : null;
}
