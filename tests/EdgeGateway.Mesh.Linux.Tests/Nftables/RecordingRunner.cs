using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

/// <summary>
/// Records every batch; answers list commands with the JSON it is given (or "not found" when there is none), and
/// rejects the next batch when told to, as nft would.
/// </summary>
internal sealed class RecordingRunner : INftablesRunner
{
    public List<string> Batches { get; } = [];

    public string? ListJson { get; set; }

    public bool RejectNext { get; set; }

    public string Last => Batches[^1];

    public Task ApplyAsync(string commands, CancellationToken cancellationToken)
    {
        if (RejectNext)
        {
            RejectNext = false;
            throw new NftablesException("nftables rejected the transaction (rc 1): Error: Could not process rule: No such file or directory");
        }

        Batches.Add(commands);
        return Task.CompletedTask;
    }

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) =>
        ListJson is null
            ? throw new NftablesException($"nftables rejected the transaction (rc 1): Error: No such file or directory\n{command}")
            : Task.FromResult(ListJson);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
