using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// The nftables balancer: the table <c>ip edge_mesh</c> of our own, changed by one transaction per apply through a
/// <see cref="MirroredTable{TContent}"/>. Adoption is explicit (<see cref="AdoptAsync"/>); without it the first apply
/// rebuilds the table whole.
/// </summary>
internal sealed class NftablesBalancerDataplane(INftablesRunner runner, Func<CancellationToken, Task<string?>> readConntrack) : IBalancerDataplane
{
    public const string DataplaneName = "nftables";

    private readonly MirroredTable<BalancerRuleset> _table = new(runner, BalancerTable.Layout, adoptOnFirstApply: false);

    public string Name => DataplaneName;

    public async Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken)
    {
        var adopted = await _table.AdoptAsync(cancellationToken).ConfigureAwait(false);
        return ToStatus(adopted ?? BalancerRuleset.Empty, connections: null);
    }

    public Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return _table.ApplyAsync(mirror => mirror is null ? BalancerRuleset.From(desired) : mirror.Next(desired), prepare: null, cancellationToken);
    }

    public async Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var ruleset = await _table.ReadAsync(cancellationToken).ConfigureAwait(false) ?? BalancerRuleset.Empty;
        var conntrack = await readConntrack(cancellationToken).ConfigureAwait(false);
        return ToStatus(ruleset, conntrack is null ? null : ConntrackTable.Count(conntrack));
    }

    public Task RemoveAllAsync(CancellationToken cancellationToken) => _table.RemoveAsync(cancellationToken);

    /// <summary>Leaves the kernel as it is: an agent restart must not flush live connections. Releases the runner.</summary>
    public async ValueTask DisposeAsync()
    {
        _table.Dispose();
        await runner.DisposeAsync().ConfigureAwait(false);
    }

    private static BalancerStatus ToStatus(BalancerRuleset ruleset, Dictionary<(Frontend, IPAddress, int), long>? connections) =>
        new(DataplaneName, [.. ruleset.Ordered.Select(c => new FrontendStatus(
            c.Frontend,
            Describe(c),
            [.. c.Backends.Select(b => new BackendStatus(b, connections?.GetValueOrDefault((c.Frontend, b.Address, b.Port))))]))]);

    private static string Describe(ServiceChain chain) =>
        $"{(chain.Scheduler == Scheduler.ConsistentHash ? "jhash" : "numgen")} ({ChainNames.ServiceOf(chain.Name)})";
}
