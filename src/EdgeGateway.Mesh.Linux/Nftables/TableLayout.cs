namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>How one table of our own is named, rendered from its content and read back from the kernel.</summary>
/// <param name="Family">The nftables family, e.g. <c>ip</c>.</param>
/// <param name="Name">The table name within the family.</param>
/// <param name="RenderFull">Replaces whatever table is there with exactly the given content.</param>
/// <param name="RenderDiff">Emits only what differs between the current content and the target.</param>
/// <param name="Read">The content a table dump holds; null when it is not in the shape this code makes.</param>
internal sealed record TableLayout<TContent>(
    string Family,
    string Name,
    Action<TContent, NftablesTransaction> RenderFull,
    Action<TContent, TContent, NftablesTransaction> RenderDiff,
    Func<TableDump, TContent?> Read)
    where TContent : class
{
    /// <summary>Family and name, as nft commands address the table.</summary>
    public string Table => $"{Family} {Name}";
}
