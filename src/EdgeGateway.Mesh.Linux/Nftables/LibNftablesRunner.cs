namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Runs batches through one libnftables context kept for the runner's life, rather than one per batch (a new context
/// opens its socket and reads its tables again each time). The work is handed to <paramref name="invoke"/>, which runs
/// it on a thread of the target network namespace (for example a namespace runner); without one it runs on the
/// caller's thread, in the process's own namespace. The context is created by the first piece of work, so its socket
/// belongs to that namespace, and it is freed through the same invoker.
/// </summary>
internal sealed class LibNftablesRunner(NamespaceInvoker? invoke = null) : INftablesRunner
{
    // a context is not thread-safe, and without an invoker callers come from any thread
    private readonly Lock _lock = new();
    private NftablesContext? _context;
    private bool _disposed;

    public Task ApplyAsync(string commands, CancellationToken cancellationToken) =>
        Invoke(() => Use(context => context.Run(commands)), cancellationToken);

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) =>
        Invoke(() => Use(context => context.Run(command, jsonOutput: true)), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Invoke(Free, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // the namespace's thread is gone already; freeing only closes the socket and releases memory, which any
            // thread may do
            Free();
        }
    }

    private Task<string> Invoke(Func<string> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return invoke is null ? Task.FromResult(work()) : invoke(work, cancellationToken);
    }

    private string Use(Func<NftablesContext, string> run)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _context ??= new NftablesContext();
            return run(_context);
        }
    }

    /// <summary>Frees the context (once); returns a string only to fit the invoker's shape.</summary>
    private string Free()
    {
        lock (_lock)
        {
            _disposed = true;
            _context?.Dispose();
            _context = null;
            return string.Empty;
        }
    }
}
