namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// One table of our own, changed by one transaction per apply. It mirrors what the kernel holds so an apply emits
/// only differences; after a failed transaction the mirror is dropped and the next apply rebuilds the table whole
/// (still in one transaction). Applies, adoption and removal are serialised.
/// </summary>
/// <param name="runner">Runs the batches in the namespace the table lives in.</param>
/// <param name="layout">The table's name, rendering and reader.</param>
/// <param name="adoptOnFirstApply">True to read the kernel's table before the first apply; else the first apply
/// rebuilds the table unless <see cref="AdoptAsync"/> ran before.</param>
internal sealed class MirroredTable<TContent>(INftablesRunner runner, TableLayout<TContent> layout, bool adoptOnFirstApply) : IDisposable
    where TContent : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TContent? _mirror;
    private bool _adopted = !adoptOnFirstApply;

    /// <summary>Takes what the kernel holds as the mirror; null when the table is missing or not in our shape.</summary>
    public async Task<TContent?> AdoptAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AdoptHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Brings the table to <paramref name="target"/> and returns the number of operations. <paramref name="prepare"/>,
    /// when given, runs under the gate just before the transaction is rendered.
    /// </summary>
    public Task<int> ApplyAsync(TContent target, Func<CancellationToken, Task>? prepare, CancellationToken cancellationToken) =>
        ApplyAsync(_ => target, prepare, cancellationToken);

    /// <summary>
    /// Brings the table to the content <paramref name="targetOf"/> makes from the mirror (null when the table is
    /// unknown and gets rebuilt whole), so that the target can be derived from what is held rather than built anew.
    /// </summary>
    public async Task<int> ApplyAsync(Func<TContent?, TContent> targetOf, Func<CancellationToken, Task>? prepare, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetOf);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_adopted)
            {
                await AdoptHeldAsync(cancellationToken).ConfigureAwait(false);
            }

            var target = targetOf(_mirror);
            if (prepare is not null)
            {
                await prepare(cancellationToken).ConfigureAwait(false);
            }

            var tx = new NftablesTransaction();
            if (_mirror is null)
            {
                layout.RenderFull(target, tx);
            }
            else
            {
                layout.RenderDiff(_mirror, target, tx);
            }

            if (tx.Count == 0)
            {
                // the kernel holds the target already; keeping it (not the old mirror) keeps the next diff short
                _mirror = target;
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

    /// <summary>The content the kernel holds now (the mirror is left alone); null when missing or not in our shape.</summary>
    public async Task<TContent?> ReadAsync(CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await runner.ListJsonAsync($"list table {layout.Table}", cancellationToken).ConfigureAwait(false);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }

        return layout.Read(TableDump.Parse(json, layout.Name));
    }

    /// <summary>Deletes the table if it is there; the next apply rebuilds it whole.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _mirror = null;
            _adopted = true;
            await runner.ApplyAsync($"add table {layout.Table}\ndelete table {layout.Table}\n", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections.</summary>
    public void Dispose() => _gate.Dispose();

    private async Task<TContent?> AdoptHeldAsync(CancellationToken cancellationToken)
    {
        _mirror = await ReadAsync(cancellationToken).ConfigureAwait(false);
        _adopted = true;
        return _mirror;
    }
}
