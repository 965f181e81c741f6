using System.Collections.Immutable;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>
/// A balancer with real semantics: a "kernel" it changes atomically (all of an apply or nothing), a mirror of what it
/// last programmed that it diffs against (dropped on failure, so the next apply rewrites everything), and a count of
/// the operations each apply emitted: one per frontend added or removed, one per backend added, removed or reweighted.
/// </summary>
internal sealed class FakeBalancerDataplane : IBalancerDataplane
{
    private ImmutableSortedDictionary<string, BalancerEntry>? _mirror;

    public string Name => "fake";

    /// <summary>What the kernel holds; tests may preset it to stand for an earlier run.</summary>
    public BalancerPlan Kernel { get; set; } = BalancerPlan.Empty;

    public FailureSwitch Failures { get; } = new();

    public int Adoptions { get; private set; }

    public List<int> AppliedOperations { get; } = [];

    public Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken)
    {
        Adoptions++;
        _mirror = Kernel.Entries;
        return Task.FromResult(Status());
    }

    public Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken)
    {
        // Without a mirror the dataplane cannot know what the kernel holds: it replaces the whole table.
        var operations = _mirror is null ? Count(BalancerPlan.Empty.Entries, desired.Entries) + Kernel.Entries.Count : Count(_mirror, desired.Entries);
        try
        {
            Failures.ThrowIfArmed("balancer apply");
        }
        catch
        {
            _mirror = null;
            throw;
        }

        Kernel = desired;
        _mirror = desired.Entries;
        AppliedOperations.Add(operations);
        return Task.FromResult(operations);
    }

    public Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Status());

    public Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        Kernel = BalancerPlan.Empty;
        _mirror = null;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static int Count(ImmutableSortedDictionary<string, BalancerEntry> from, ImmutableSortedDictionary<string, BalancerEntry> to)
    {
        var diff = PlanDiff.Between(new NodePlan("x", null, [], new BalancerPlan(from)), new NodePlan("x", null, [], new BalancerPlan(to)));
        return diff.BalancersAdded.Sum(e => 1 + e.Backends.Length)
            + diff.BalancersRemoved.Length
            + diff.BalancerChanges.Sum(c => c.Added.Count() + c.Removed.Count() + c.Reweighted.Count());
    }

    private BalancerStatus Status() =>
        new(Name, [.. Kernel.Entries.Values.Select(e => new FrontendStatus(e.Frontend, "rr", [.. e.Backends.Select(b => new BackendStatus(b, null))]))]);
}
