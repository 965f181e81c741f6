using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>An ingress network that remembers what it was asked to hold and how often.</summary>
internal sealed class FakeIngressNetwork : IIngressNetwork
{
    public IngressNetworkPlan? Kernel { get; private set; }

    public FailureSwitch Failures { get; } = new();

    public int Ensures { get; private set; }

    public Task EnsureAsync(IngressNetworkPlan plan, CancellationToken cancellationToken)
    {
        Failures.ThrowIfArmed("ingress ensure");
        Ensures++;
        Kernel = plan;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IngressNetworkPlan plan, CancellationToken cancellationToken)
    {
        Failures.ThrowIfArmed("ingress remove");
        Kernel = null;
        return Task.CompletedTask;
    }
}
