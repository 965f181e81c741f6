using System.Collections.Immutable;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>DNAT with real semantics: atomic applies, adoption of the kernel's rules on the first apply, one operation per rule added or removed.</summary>
internal sealed class FakePublishedPortDnat : IPublishedPortDnat
{
    public ImmutableArray<PublishedPortDnat> Kernel { get; set; } = [];

    public FailureSwitch Failures { get; } = new();

    public List<int> AppliedOperations { get; } = [];

    public Task<int> ApplyAsync(ImmutableArray<PublishedPortDnat> desired, CancellationToken cancellationToken)
    {
        Failures.ThrowIfArmed("dnat apply");
        var operations = desired.Except(Kernel).Count() + Kernel.Except(desired).Count();
        Kernel = desired;
        AppliedOperations.Add(operations);
        return Task.FromResult(operations);
    }

    public Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        Kernel = [];
        return Task.CompletedTask;
    }
}
