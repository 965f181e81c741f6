using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Status;

/// <summary>
/// Compares what the kernel holds with what the plan wants, backend by backend. Draining backends (weight 0) are
/// left out on both sides: they take no new connections, and nftables holds them only as conntrack state.
/// </summary>
internal static class StatusComparison
{
    public static string Compare(BalancerPlan plan, BalancerStatus status)
    {
        var wanted = plan.Entries.Values.SelectMany(e => Lines(e.Frontend, e.Backends)).ToHashSet(StringComparer.Ordinal);
        var held = status.Frontends.SelectMany(f => Lines(f.Frontend, [.. f.Backends.Select(b => b.Backend)])).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Except(held).Order(StringComparer.Ordinal).ToList();
        var unexpected = held.Except(wanted).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return "Kernel matches the plan.";
        }

        return string.Join('\n', missing.Select(m => $"  missing    {m}")
            .Concat(unexpected.Select(u => $"  unexpected {u}"))
            .Prepend("Kernel differs from the plan:"));
    }

    /// <summary>One line per backend, plus one for the frontend itself so that empty frontends are compared too.</summary>
    private static IEnumerable<string> Lines(Frontend frontend, IEnumerable<Backend> backends) =>
        backends.Where(b => b.Weight > 0).Select(b => $"{frontend} -> {b}").Prepend($"{frontend}");
}
