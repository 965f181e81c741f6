namespace EdgeGateway.Agent.Docker;

/// <summary>Docker's state cannot be read or does not make sense yet; the message says what and where.</summary>
public sealed class DockerStateException : Exception
{
    public DockerStateException()
    {
    }

    public DockerStateException(string message)
        : base(message)
    {
    }

    public DockerStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
