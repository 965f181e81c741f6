namespace EdgeGateway;

/// <summary>The gateway cannot start: bad options or a bad routes file. Each problem is one line of the message.</summary>
public sealed class GatewayStartupException : Exception
{
    public GatewayStartupException()
    {
    }

    public GatewayStartupException(string message)
        : base(message)
    {
    }

    public GatewayStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
