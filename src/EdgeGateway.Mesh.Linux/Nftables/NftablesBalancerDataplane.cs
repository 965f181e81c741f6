using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// The nftables balancer: one table of our own, changed by one transaction per apply. It mirrors what the kernel
/// holds so an apply emits only differences; after a failed transaction the mirror is dropped and the next apply
/// rebuilds the table whole (still in one transaction).
/// </summary>
internal sealed class NftablesBalancerDataplane(INftablesRunner runner, Func<CancellationToken, Task<string?>> readConntrack) : IBalancerDataplane
{
    public const string DataplaneName = "nftables";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BalancerRuleset? _mirror;

    public string Name => DataplaneName;

    public async Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _mirror = await ReadKernelAsync(cancellationToken).ConfigureAwait(false);
            return ToStatus(_mirror ?? BalancerRuleset.Empty, connections: null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var target = BalancerRuleset.From(desired);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tx = new NftablesTransaction();
            if (_mirror is null)
            {
                BalancerTable.RenderFull(target, tx);
            }
            else
            {
                BalancerTable.RenderDiff(_mirror, target, tx);
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

    public async Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var ruleset = await ReadKernelAsync(cancellationToken).ConfigureAwait(false) ?? BalancerRuleset.Empty;
        var conntrack = await readConntrack(cancellationToken).ConfigureAwait(false);
        return ToStatus(ruleset, conntrack is null ? null : ConntrackTable.Count(conntrack));
    }

    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _mirror = null;
            await runner.ApplyAsync($"add table {BalancerTable.Table}\ndelete table {BalancerTable.Table}\n", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections.</summary>
    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The ruleset the kernel holds; null when the table is missing or not in a shape this dataplane made.</summary>
    private async Task<BalancerRuleset?> ReadKernelAsync(CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await runner.ListJsonAsync($"list table {BalancerTable.Table}", cancellationToken).ConfigureAwait(false);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }

        return BalancerTableReader.Read(TableDump.Parse(json, BalancerTable.Name));
    }

    private static BalancerStatus ToStatus(BalancerRuleset ruleset, Dictionary<(Frontend, IPAddress, int), long>? connections) =>
        new(DataplaneName, [.. ruleset.Ordered.Select(c => new FrontendStatus(
            c.Frontend,
            Describe(c),
            [.. c.Backends.Select(b => new BackendStatus(b, connections?.GetValueOrDefault((c.Frontend, b.Address, b.Port))))]))]);

    private static string Describe(ServiceChain chain) =>
        $"{(chain.Scheduler == Scheduler.ConsistentHash ? "jhash" : "numgen")} ({ChainNames.ServiceOf(chain.Name)})";
}
