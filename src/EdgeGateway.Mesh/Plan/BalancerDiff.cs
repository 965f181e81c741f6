using System.Collections.Immutable;

namespace EdgeGateway.Mesh.Plan;

/// <summary>
/// The difference between two balancer plans, entry by entry: frontends added, removed, and changed (backends,
/// weights, scheduler or service). Only entries under the same frontend are compared, so one task change gives one
/// changed entry per frontend of its service, and equal plans give an empty difference.
/// </summary>
public sealed record BalancerDiff(ImmutableArray<BalancerEntry> Added, ImmutableArray<BalancerEntry> Removed, ImmutableArray<BalancerChange> Changed)
{
    public static BalancerDiff Empty { get; } = new([], [], []);

    public bool IsEmpty => Count == 0;

    public int Count => Added.Length + Removed.Length + Changed.Length;

    /// <summary>The difference from <paramref name="before"/> to <paramref name="after"/>, in frontend order.</summary>
    public static BalancerDiff Between(BalancerPlan before, BalancerPlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (ReferenceEquals(before, after))
        {
            return Empty;
        }

        var added = ImmutableArray.CreateBuilder<BalancerEntry>();
        var changed = ImmutableArray.CreateBuilder<BalancerChange>();
        foreach (var (key, entry) in after.Entries)
        {
            if (!before.Entries.TryGetValue(key, out var old))
            {
                added.Add(entry);
            }
            else if (!ReferenceEquals(old, entry) && !old.Equals(entry))
            {
                changed.Add(new BalancerChange(old, entry));
            }
        }

        var removed = ImmutableArray.CreateBuilder<BalancerEntry>();
        foreach (var (key, entry) in before.Entries)
        {
            if (!after.Entries.ContainsKey(key))
            {
                removed.Add(entry);
            }
        }

        return added.Count + removed.Count + changed.Count == 0
            ? Empty
            : new BalancerDiff(added.ToImmutable(), removed.ToImmutable(), changed.ToImmutable());
    }
}
