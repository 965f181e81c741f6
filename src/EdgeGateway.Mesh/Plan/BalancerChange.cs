using System.Collections.Immutable;

namespace EdgeGateway.Mesh.Plan;

/// <summary>One frontend whose backends (or scheduler) changed, with the backend-level difference.</summary>
public sealed record BalancerChange(BalancerEntry Before, BalancerEntry After)
{
    public IEnumerable<Backend> Added => After.Backends.Where(b => Find(Before.Backends, b) is null);

    public IEnumerable<Backend> Removed => Before.Backends.Where(b => Find(After.Backends, b) is null);

    public IEnumerable<(Backend Before, Backend After)> Reweighted =>
        After.Backends.Select(b => (Before: Find(Before.Backends, b), After: b))
            .Where(p => p.Before is not null && p.Before.Weight != p.After.Weight)
            .Select(p => (p.Before!, p.After));

    public override string ToString()
    {
        var parts = new List<string>();
        if (Before.Scheduler != After.Scheduler)
        {
            parts.Add($"scheduler {Before.Scheduler} -> {After.Scheduler}");
        }

        parts.AddRange(Added.Select(b => $"+{b}"));
        parts.AddRange(Removed.Select(b => $"-{b.Address}:{b.Port}"));
        parts.AddRange(Reweighted.Select(p => $"{p.After.Address}:{p.After.Port} w={p.Before.Weight}->{p.After.Weight}"));
        return $"~ balancer {After.Frontend} ({After.Service}): {string.Join(", ", parts)}";
    }

    /// <summary>A backend is identified by address and port; weight is what may change.</summary>
    private static Backend? Find(ImmutableArray<Backend> backends, Backend like) =>
        backends.FirstOrDefault(b => b.Address.Equals(like.Address) && b.Port == like.Port);
}
