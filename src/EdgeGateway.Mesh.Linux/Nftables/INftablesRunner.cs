namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Runs nft command batches, each as one transaction, in the network namespace the dataplane serves. Disposing it
/// releases what it holds in userspace, never kernel state.
/// </summary>
internal interface INftablesRunner : IAsyncDisposable
{
    /// <summary>Applies a batch of commands atomically; throws <see cref="NftablesException"/> and applies nothing when rejected.</summary>
    Task ApplyAsync(string commands, CancellationToken cancellationToken);

    /// <summary>Runs a list command and returns its JSON output.</summary>
    Task<string> ListJsonAsync(string command, CancellationToken cancellationToken);
}
