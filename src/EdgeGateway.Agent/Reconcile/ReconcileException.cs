namespace EdgeGateway.Agent.Reconcile;

/// <summary>A sync failed in one part of the dataplane ("ingress", "balancer" or "dnat").</summary>
public sealed class ReconcileException : Exception
{
    public ReconcileException(string component, Exception innerException)
        : base($"{component}: {innerException?.Message}", innerException) => Component = component;

    public ReconcileException()
    {
    }

    public ReconcileException(string message)
        : base(message)
    {
    }

    public ReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Component { get; } = "unknown";
}
