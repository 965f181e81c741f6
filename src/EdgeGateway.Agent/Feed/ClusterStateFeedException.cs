namespace EdgeGateway.Agent.Feed;

/// <summary>A manager's agent answered, but not with a usable cluster state; the message names the URL and what was wrong.</summary>
public sealed class ClusterStateFeedException : Exception
{
    public ClusterStateFeedException(string message)
        : base(message)
    {
    }

    public ClusterStateFeedException()
    {
    }

    public ClusterStateFeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
