using System.Collections.Immutable;
using System.Text;

namespace EdgeGateway.Mesh.Plan;

/// <summary>
/// The minimal difference between two node plans: what a dataplane must add, remove or change to go from one to the
/// other. Empty when the plans are equal.
/// </summary>
public sealed record PlanDiff(
    IngressNetworkPlan? IngressBefore,
    IngressNetworkPlan? IngressAfter,
    ImmutableArray<PublishedPortDnat> DnatAdded,
    ImmutableArray<PublishedPortDnat> DnatRemoved,
    BalancerDiff Balancers)
{
    public ImmutableArray<BalancerEntry> BalancersAdded => Balancers.Added;

    public ImmutableArray<BalancerEntry> BalancersRemoved => Balancers.Removed;

    public ImmutableArray<BalancerChange> BalancerChanges => Balancers.Changed;

    public bool IngressChanged => !Equals(IngressBefore, IngressAfter);

    public bool DnatChanged => DnatAdded.Length + DnatRemoved.Length > 0;

    public bool BalancersChanged => !Balancers.IsEmpty;

    public bool IsEmpty => !IngressChanged && !DnatChanged && !BalancersChanged;

    /// <summary>Number of changed entries (ingress network counts as one).</summary>
    public int Count => (IngressChanged ? 1 : 0) + DnatAdded.Length + DnatRemoved.Length + Balancers.Count;

    /// <summary>The difference from <paramref name="before"/> (null: nothing applied yet) to <paramref name="after"/>.</summary>
    public static PlanDiff Between(NodePlan? before, NodePlan after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var oldDnat = before?.Dnat ?? [];
        return new PlanDiff(
            before?.Ingress,
            after.Ingress,
            [.. after.Dnat.Except(oldDnat)],
            [.. oldDnat.Except(after.Dnat)],
            BalancerDiff.Between(before?.Balancers ?? BalancerPlan.Empty, after.Balancers));
    }

    public override string ToString()
    {
        if (IsEmpty)
        {
            return "no changes";
        }

        var text = new StringBuilder();
        if (IngressChanged)
        {
            text.AppendLine(IngressBefore is null ? $"+ ingress {PlanPrinter.Describe(IngressAfter!)}"
                : IngressAfter is null ? $"- ingress {PlanPrinter.Describe(IngressBefore)}"
                : $"~ ingress {PlanPrinter.Describe(IngressBefore)}\n    => {PlanPrinter.Describe(IngressAfter)}");
        }

        foreach (var d in DnatRemoved)
        {
            text.AppendLine($"- dnat {d}");
        }

        foreach (var d in DnatAdded)
        {
            text.AppendLine($"+ dnat {d}");
        }

        foreach (var e in BalancersRemoved)
        {
            text.AppendLine($"- balancer {e.Frontend} ({e.Service})");
        }

        foreach (var e in BalancersAdded)
        {
            text.AppendLine($"+ balancer {e.Frontend} ({e.Service}): {string.Join(", ", e.Backends)}");
        }

        foreach (var c in BalancerChanges)
        {
            text.AppendLine(c.ToString());
        }

        return text.ToString().TrimEnd();
    }
}
