using System.Collections.Immutable;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Published-port DNAT in the host namespace, in the table <c>ip edge_ingress</c> of our own (never Docker's chains).
/// The first apply adopts what the kernel holds, so a restart emits nothing; a failed transaction makes the next
/// apply rebuild the table whole, in one transaction.
/// </summary>
internal sealed class NftablesPublishedPortDnat(INftablesRunner runner, Func<CancellationToken, Task> prepareLoopback) : IPublishedPortDnat, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>? _mirror;
    private bool _adopted;

    public async Task<int> ApplyAsync(ImmutableArray<PublishedPortDnat> desired, CancellationToken cancellationToken)
    {
        var target = PublishedPortTable.Index(desired);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_adopted)
            {
                _mirror = await ReadKernelAsync(cancellationToken).ConfigureAwait(false);
                _adopted = true;
            }

            if (!target.IsEmpty)
            {
                await prepareLoopback(cancellationToken).ConfigureAwait(false);
            }

            var tx = new NftablesTransaction();
            if (_mirror is null)
            {
                PublishedPortTable.RenderFull(target, tx);
            }
            else
            {
                PublishedPortTable.RenderDiff(_mirror, target, tx);
            }

            if (tx.Count == 0)
            {
                return 0;
            }

            try
            {
                await runner.ApplyAsync(tx.ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _mirror = null;
                throw;
            }

            _mirror = target;
            return tx.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _mirror = null;
            _adopted = true;
            await runner.ApplyAsync($"add table {PublishedPortTable.Table}\ndelete table {PublishedPortTable.Table}\n", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections.</summary>
    public void Dispose() => _gate.Dispose();

    private async Task<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>?> ReadKernelAsync(CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await runner.ListJsonAsync($"list table {PublishedPortTable.Table}", cancellationToken).ConfigureAwait(false);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }

        return PublishedPortTable.Read(TableDump.Parse(json, PublishedPortTable.Name));
    }
}
