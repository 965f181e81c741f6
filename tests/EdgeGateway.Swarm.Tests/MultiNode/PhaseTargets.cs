using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>What a phase of load may lose: each check returns why the phase missed its target, or null.</summary>
public static class PhaseTargets
{
    /// <summary>Rolling updates, scaling, agent restarts: not one request may fail.</summary>
    public static string? NoFailure(PhaseCounts phase) =>
        phase.Failed == 0 ? null : $"{phase.Failed} of {phase.Sent} requests failed; zero allowed";

    /// <summary>
    /// Not one request may fail, but those sent to the address of <paramref name="node"/>, which is itself down for
    /// part of the phase (no client of a stopped machine gets an answer from it).
    /// </summary>
    public static Func<PhaseCounts, string?> NoFailureBut(string node) => phase =>
    {
        var failed = phase.FailedWhere(r => r.Node != node);
        return failed == 0 ? null : $"{failed} of {phase.SentWhere(r => r.Node != node)} requests to other nodes than {node} failed; zero allowed";
    };

    /// <summary>
    /// Kills: only requests in flight on the killed task may fail, so every failed request must have been in flight
    /// while a kill happened (<paramref name="kills"/>); one sent after the kill returned must be answered. When the
    /// killed tasks are upstreams, the gateway retries a GET on another task, so no GET may fail at all
    /// (<paramref name="getsRetried"/>); a GET in flight inside a killed gateway has nobody to retry it. Requests to
    /// <paramref name="exceptNode"/>'s own address do not count (a node that was stopped answers no client of its own).
    /// </summary>
    public static Func<PhaseCounts, string?> OnlyInFlight(KillMoments kills, bool getsRetried, string? exceptNode = null) => phase =>
    {
        if (kills.Count == 0)
        {
            return "no kill was recorded";
        }

        var failed = phase.FailedRequestsWhere(r => r.Node != exceptNode).ToList();
        var notInFlight = failed.Count(r => !kills.Overlaps(r));
        var gets = failed.Count(r => r.Row.Method == "GET");
        var problems = new List<string>();
        if (notInFlight > 0)
        {
            var to = exceptNode is null ? string.Empty : $" to other nodes than {exceptNode}";
            problems.Add($"{notInFlight} failed requests{to} were not in flight during a kill (sent after it returned); zero allowed");
        }

        if (getsRetried && gets > 0)
        {
            problems.Add($"{gets} GETs failed; zero allowed (retried on another task)");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    };
}
