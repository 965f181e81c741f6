using System.Collections.Immutable;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Published-port DNAT in the host namespace, in the table <c>ip edge_ingress</c> of our own, changed through a
/// <see cref="MirroredTable{TContent}"/>. The first apply adopts what the kernel holds, so a restart emits nothing.
/// On a Docker node the one accept rule Docker's FORWARD DROP needs for it follows the published ports in Docker's
/// DOCKER-USER chain (<see cref="DockerUserAccept"/>); removal always takes that rule away too.
/// </summary>
internal sealed class NftablesPublishedPortDnat(INftablesRunner runner, Func<CancellationToken, Task> prepareLoopback, string? dockerUserInterface = null)
    : IPublishedPortDnat, IDisposable
{
    private readonly MirroredTable<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>> _table =
        new(runner, PublishedPortTable.Layout, adoptOnFirstApply: true);

    private readonly DockerUserAccept _dockerUser = new(runner, dockerUserInterface);

    public async Task<int> ApplyAsync(ImmutableArray<PublishedPortDnat> desired, CancellationToken cancellationToken)
    {
        var target = PublishedPortTable.Index(desired);

        // loopback clients only need route_localnet once something is published
        var ops = await _table.ApplyAsync(target, target.IsEmpty ? null : prepareLoopback, cancellationToken).ConfigureAwait(false);
        return ops + await _dockerUser.ApplyAsync(target.Values, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await _table.RemoveAsync(cancellationToken).ConfigureAwait(false);
        await _dockerUser.RemoveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections.</summary>
    public void Dispose() => _table.Dispose();
}
