namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>nftables rejected a command batch; the message carries nft's own error text. Nothing of the batch was applied.</summary>
public sealed class NftablesException : Exception
{
    public NftablesException()
    {
    }

    public NftablesException(string message)
        : base(message)
    {
    }

    public NftablesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when nft reported that the object asked for does not exist (ENOENT).</summary>
    public bool IsNotFound => Message.Contains("No such file or directory", StringComparison.Ordinal);
}
