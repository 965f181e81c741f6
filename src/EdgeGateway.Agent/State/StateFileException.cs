namespace EdgeGateway.Agent.State;

/// <summary>A state file that cannot be used; the message names the file, the place in it and what is wrong.</summary>
public sealed class StateFileException : Exception
{
    public StateFileException(string message)
        : base(message)
    {
    }

    public StateFileException()
    {
    }

    public StateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
