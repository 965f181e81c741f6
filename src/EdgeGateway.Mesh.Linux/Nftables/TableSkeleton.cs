namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>The fixed part every table of our own starts with: one map and base chains holding one rule each.</summary>
internal static class TableSkeleton
{
    /// <summary>
    /// Replaces whatever table is there with an empty one (added first so the delete cannot fail) holding the map and
    /// the base chains, in creation order.
    /// </summary>
    public static void Render(
        string table,
        string mapDefinition,
        IEnumerable<(string Chain, string Definition, string Rule)> baseChains,
        NftablesTransaction tx)
    {
        tx.Add($"add table {table}");
        tx.Add($"delete table {table}");
        tx.Add($"add table {table}");
        tx.Add($"add map {table} {mapDefinition}");
        foreach (var (chain, definition, rule) in baseChains)
        {
            tx.Add($"add chain {table} {chain} {{ {definition} }}");
            tx.Add($"add rule {table} {chain} {rule}");
        }
    }
}
