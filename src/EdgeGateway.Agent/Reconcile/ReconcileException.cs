namespace EdgeGateway.Agent.Reconcile;

/// <summary>A sync failed in one part of the dataplane ("ingress", "balancer" or "dnat").</summary>
#pragma warning disable CA1032, CA1064 // internal, thrown and caught only by the reconciler and its loop
internal sealed class ReconcileException(string component, Exception innerException)
    : Exception($"{component}: {innerException.Message}", innerException)
{
    public string Component { get; } = component;
}
