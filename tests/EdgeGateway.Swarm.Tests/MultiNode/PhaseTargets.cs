using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>What a phase of load may lose: each check returns why the phase missed its target, or null.</summary>
public static class PhaseTargets
{
    /// <summary>Rolling updates, scaling, agent restarts: not one request may fail.</summary>
    public static string? NoFailure(PhaseCounts phase) =>
        phase.Failed == 0 ? null : $"{phase.Failed} of {phase.Sent} requests failed; zero allowed";

    /// <summary>
    /// A phase whose target the product does not meet yet (<paramref name="gap"/> says why, docs/swarm.md has the
    /// figures): its table is logged and its own target's verdict with it, but it does not fail the test.
    /// </summary>
    public static Func<PhaseCounts, string?> Reported(Func<PhaseCounts, string?> target, string gap, Action<string> log) => phase =>
    {
        log($"  not judged ({gap}); against its target: {target(phase) ?? "met"}");
        return null;
    };

    /// <summary>
    /// Kills: only requests in flight on the killed task may fail. Each client has at most one request in flight, and
    /// GETs are retried on another task, so no GET may fail and at most one POST per client. Rows of nodes named in
    /// <paramref name="except"/> (a node that is itself down) are reported, not judged.
    /// </summary>
    public static Func<PhaseCounts, string?> OnlyInFlight(int clients, params string[] except) => phase =>
    {
        bool Judged(LoadRow row) => !except.Contains(row.Node);
        var gets = phase.FailedWhere(r => Judged(r) && r.Method == "GET");
        var posts = phase.FailedWhere(r => Judged(r) && r.Method == "POST");
        var problems = new List<string>();
        if (gets > 0)
        {
            problems.Add($"{gets} GETs failed; zero allowed (retried on another task)");
        }

        if (posts > clients)
        {
            problems.Add($"{posts} POSTs failed; at most {clients} (one in flight per client) allowed");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems) + (except.Length > 0 ? $" (not counting {string.Join(", ", except)})" : string.Empty);
    };
}
