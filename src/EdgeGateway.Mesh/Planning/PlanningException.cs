namespace EdgeGateway.Mesh.Planning;

/// <summary>The cluster state cannot give a plan for this node; the message says why.</summary>
public sealed class PlanningException : Exception
{
    public PlanningException(string message)
        : base(message)
    {
    }

    public PlanningException()
    {
    }

    public PlanningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
