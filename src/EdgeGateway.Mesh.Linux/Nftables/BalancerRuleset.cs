using System.Collections.Immutable;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>What the balancer table holds (or must hold): one service chain per frontend.</summary>
internal sealed record BalancerRuleset(ImmutableDictionary<Frontend, ServiceChain> Chains)
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

        return new BalancerRuleset(chains.ToImmutable());
    }

    /// <summary>Chains in a stable order, so that transactions and status read the same every time.</summary>
    public IEnumerable<ServiceChain> Ordered => Chains.Values.OrderBy(c => c.Frontend.ToString(), StringComparer.Ordinal);
}
