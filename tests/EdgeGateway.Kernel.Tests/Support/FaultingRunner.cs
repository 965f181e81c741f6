using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// Passes batches to the real libnftables, except that when armed it slips a command into the middle of the next
/// batch that nft accepts but the kernel refuses (such as deleting a map element that is not there): the kernel has
/// already taken the commands before it and must roll them back.
/// </summary>
internal sealed class FaultingRunner(INftablesRunner inner, string refusedCommand) : INftablesRunner
{
    public bool FailNext { get; set; }

    public Task ApplyAsync(string commands, CancellationToken cancellationToken)
    {
        if (FailNext)
        {
            FailNext = false;
            var lines = commands.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            lines.Insert(lines.Count / 2, refusedCommand);
            commands = string.Join('\n', lines) + "\n";
        }

        return inner.ApplyAsync(commands, cancellationToken);
    }

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) => inner.ListJsonAsync(command, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
