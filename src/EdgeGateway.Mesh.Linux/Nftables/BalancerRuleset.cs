using System.Collections.Immutable;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// What the balancer table holds (or must hold): one service chain per frontend. <paramref name="Source"/> is the plan
/// the chains were made from; null when they were read back from the kernel.
/// </summary>
internal sealed record BalancerRuleset(ImmutableDictionary<Frontend, ServiceChain> Chains, BalancerPlan? Source = null)
{
    public static BalancerRuleset Empty { get; } = new(ImmutableDictionary<Frontend, ServiceChain>.Empty);

    public static BalancerRuleset From(BalancerPlan plan)
    {
        var chains = ImmutableDictionary.CreateBuilder<Frontend, ServiceChain>();
        foreach (var entry in plan.Entries.Values)
        {
            if (!chains.TryAdd(entry.Frontend, ServiceChain.From(entry)))
            {
                throw new ArgumentException($"balancer '{entry.Service}': frontend {entry.Frontend} is used by another entry");
            }
        }

        return new BalancerRuleset(chains.ToImmutable(), plan);
    }

    /// <summary>
    /// The ruleset for <paramref name="plan"/>. When this one was made from a plan, only the entries that differ from
    /// it are turned into chains; the chains of the others are kept as they are (the same instances), so that a task
    /// change costs one entry's work, not the whole plan's.
    /// </summary>
    public BalancerRuleset Next(BalancerPlan plan)
    {
        if (Source is null)
        {
            return From(plan);
        }

        var diff = BalancerDiff.Between(Source, plan);
        if (diff.IsEmpty)
        {
            return this with { Source = plan };
        }

        var chains = Chains.ToBuilder();
        foreach (var entry in diff.Removed)
        {
            chains.Remove(entry.Frontend);
        }

        foreach (var entry in diff.Added.Concat(diff.Changed.Select(c => c.After)))
        {
            chains[entry.Frontend] = ServiceChain.From(entry);
        }

        return new BalancerRuleset(chains.ToImmutable(), plan);
    }

    /// <summary>Chains in a stable order, so that transactions and status read the same every time.</summary>
    public IEnumerable<ServiceChain> Ordered => Ordering(Chains.Values);

    /// <summary>The order chains are emitted in: by frontend text.</summary>
    public static IEnumerable<ServiceChain> Ordering(IEnumerable<ServiceChain> chains) =>
        chains.OrderBy(c => c.Frontend.ToString(), StringComparer.Ordinal);
}
