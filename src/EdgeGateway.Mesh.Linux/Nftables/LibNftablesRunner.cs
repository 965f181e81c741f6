namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Runs batches through libnftables. The work is handed to <paramref name="invoke"/>, which runs it on a thread of the
/// target network namespace (for example a namespace runner); without one it runs on the caller's thread.
/// </summary>
internal sealed class LibNftablesRunner(NamespaceInvoker? invoke = null) : INftablesRunner
{
    public Task ApplyAsync(string commands, CancellationToken cancellationToken) =>
        Invoke(() => Run(commands, jsonOutput: false), cancellationToken);

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) =>
        Invoke(() => Run(command, jsonOutput: true), cancellationToken);

    private Task<string> Invoke(Func<string> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return invoke is null ? Task.FromResult(work()) : invoke(work, cancellationToken);
    }

    private static string Run(string commands, bool jsonOutput)
    {
        using var context = new NftablesContext(jsonOutput);
        return context.Run(commands);
    }
}
