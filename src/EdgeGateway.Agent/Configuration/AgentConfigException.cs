namespace EdgeGateway.Agent.Configuration;

/// <summary>Agent settings that cannot be used; the message names the file or option and the field.</summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException(string message)
        : base(message)
    {
    }

    public AgentConfigException()
    {
    }

    public AgentConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
