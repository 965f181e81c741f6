using System.Collections.Immutable;
using System.Text.Json;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Keeps the agent's accept rule in Docker's DOCKER-USER chain in line with the published ports (see
/// <see cref="DockerUserRule"/>): reads the chain on every apply, since Docker or an admin may change it, and
/// replaces the agent's rules in one transaction when they differ. Where the chain does not exist (no Docker, or
/// Docker without iptables-nft) there is nothing to open and nothing is done.
/// </summary>
/// <param name="runner">Runs the batches in the namespace Docker's chain lives in.</param>
/// <param name="outInterface">The bridge toward the DNAT targets; null keeps no rule (only removal).</param>
internal sealed class DockerUserAccept(INftablesRunner runner, string? outInterface)
{
    /// <summary>Brings the agent's rules to those the published ports need; returns the number of operations.</summary>
    public Task<int> ApplyAsync(IEnumerable<PublishedPortDnat> published, CancellationToken cancellationToken) =>
        outInterface is null
            ? Task.FromResult(0)
            : SyncAsync(DockerUserRule.Rules(outInterface, published), cancellationToken);

    /// <summary>Deletes the agent's rules from the chain, if any.</summary>
    public Task<int> RemoveAsync(CancellationToken cancellationToken) => SyncAsync([], cancellationToken);

    private async Task<int> SyncAsync(ImmutableArray<DockerUserRule.Rendered> desired, CancellationToken cancellationToken)
    {
        if (await ReadHeldAsync(cancellationToken).ConfigureAwait(false) is not { } held)
        {
            return 0;
        }

        if (held.Select(h => h.Comment).Order(StringComparer.Ordinal).SequenceEqual(desired.Select(d => d.Comment).Order(StringComparer.Ordinal)))
        {
            return 0;
        }

        var tx = new NftablesTransaction();
        foreach (var (handle, _) in held)
        {
            tx.Add($"delete rule {DockerUserRule.Table} {DockerUserRule.Chain} handle {Render.Number(handle)}");
        }

        // inserted at the top, ahead of Docker's RETURN; in reverse so they keep their order
        foreach (var rule in desired.Reverse())
        {
            tx.Add($"insert rule {DockerUserRule.Table} {DockerUserRule.Chain} {rule.Rule}");
        }

        await runner.ApplyAsync(tx.ToString(), cancellationToken).ConfigureAwait(false);
        return tx.Count;
    }

    /// <summary>The agent's rules in the chain (handle and comment); null when the chain does not exist.</summary>
    private async Task<List<(int Handle, string Comment)>?> ReadHeldAsync(CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await runner.ListJsonAsync($"list chain {DockerUserRule.Table} {DockerUserRule.Chain}", cancellationToken).ConfigureAwait(false);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }

        return ParseHeld(json);
    }

    /// <summary>The agent's rules in a <c>nft -j list chain</c> dump of the chain.</summary>
    internal static List<(int Handle, string Comment)> ParseHeld(string json)
    {
        using var document = JsonDocument.Parse(json);
        var held = new List<(int, string)>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("rule", out var rule)
                && rule.TryGetProperty("chain", out var chain) && chain.GetString() == DockerUserRule.Chain
                && rule.TryGetProperty("comment", out var comment) && comment.GetString() is { } text
                && text.StartsWith(DockerUserRule.CommentPrefix, StringComparison.Ordinal)
                && rule.TryGetProperty("handle", out var handle))
            {
                held.Add((handle.GetInt32(), text));
            }
        }

        return held;
    }
}
