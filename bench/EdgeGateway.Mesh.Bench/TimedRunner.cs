using System.Diagnostics;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// The dataplane's libnftables runner with a stopwatch around each batch, so an apply's time splits into the
/// dataplane's own work (diffing, rendering) and libnftables plus the kernel.
/// </summary>
internal sealed class TimedRunner(INftablesRunner inner) : INftablesRunner
{
    /// <summary>Milliseconds of the last batch.</summary>
    public double LastMs { get; private set; }

    public async Task ApplyAsync(string commands, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await inner.ApplyAsync(commands, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            LastMs = watch.Elapsed.TotalMilliseconds;
        }
    }

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) => inner.ListJsonAsync(command, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
