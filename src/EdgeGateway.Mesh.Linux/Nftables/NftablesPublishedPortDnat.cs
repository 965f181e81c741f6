using System.Collections.Immutable;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Published-port DNAT in the host namespace, in the table <c>ip edge_ingress</c> of our own (never Docker's chains),
/// changed through a <see cref="MirroredTable{TContent}"/>. The first apply adopts what the kernel holds, so a
/// restart emits nothing.
/// </summary>
internal sealed class NftablesPublishedPortDnat(INftablesRunner runner, Func<CancellationToken, Task> prepareLoopback) : IPublishedPortDnat, IAsyncDisposable
{
    private readonly MirroredTable<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>> _table =
        new(runner, PublishedPortTable.Layout, adoptOnFirstApply: true);

    public Task<int> ApplyAsync(ImmutableArray<PublishedPortDnat> desired, CancellationToken cancellationToken)
    {
        var target = PublishedPortTable.Index(desired);

        // loopback clients only need route_localnet once something is published
        return _table.ApplyAsync(target, target.IsEmpty ? null : prepareLoopback, cancellationToken);
    }

    public Task RemoveAllAsync(CancellationToken cancellationToken) => _table.RemoveAsync(cancellationToken);

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections. Releases the runner.</summary>
    public async ValueTask DisposeAsync()
    {
        _table.Dispose();
        await runner.DisposeAsync().ConfigureAwait(false);
    }
}
