namespace EdgeGateway.Discovery.AgentFeed;

/// <summary>The node agent answered, but not with a cluster state the gateway can read; the message says what was wrong.</summary>
public sealed class AgentFeedException : Exception
{
    public AgentFeedException()
    {
    }

    public AgentFeedException(string message)
        : base(message)
    {
    }

    public AgentFeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
