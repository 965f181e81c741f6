using EdgeGateway.Agent.Metrics;
using EdgeGateway.Mesh.Plan;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Reconcile;

/// <summary>
/// The one sync path: makes the kernel hold a node plan. It remembers the last plan it applied whole and touches only
/// the parts that differ. The first sync, and every sync after a failure, is full: the balancer re-reads (adopts) what
/// the kernel holds and every part is applied, so whatever an earlier run or a failed sync left is converged without a
/// flush. Each part applies atomically; a failed part keeps its previous state. Not thread-safe: the reconcile loop
/// is its only caller. Operation counts are what the balancer and DNAT dataplanes report (ingress is idempotent).
/// </summary>
internal sealed class Reconciler(MeshDataplanes dataplanes, AgentMetrics metrics, TimeProvider time, ILogger<Reconciler> logger)
{
    private NodePlan? _applied;
    private bool _fullSyncNeeded = true;

    /// <summary>The last plan applied whole; null before the first successful sync.</summary>
    public NodePlan? Applied => _applied;

    public bool FullSyncNeeded => _fullSyncNeeded;

    public async Task<SyncResult> SyncAsync(NodePlan desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var started = time.GetTimestamp();
        try
        {
            var full = _fullSyncNeeded;
            var diff = PlanDiff.Between(_applied, desired);
            if (!full && diff.IsEmpty)
            {
                return new SyncResult(false, diff, 0);
            }

            var operations = await ApplyAsync(desired, diff, full, cancellationToken).ConfigureAwait(false);
            _applied = desired;
            _fullSyncNeeded = false;
            metrics.SyncSucceeded(desired, full, operations, time.GetElapsedTime(started));
            if (full)
            {
                Log.SyncedFull(logger, operations, desired.Balancers.Entries.Count, desired.Dnat.Length);
            }
            else
            {
                Log.Synced(logger, diff.Count, operations, diff.ToString());
            }

            return new SyncResult(full, diff, operations);
        }
        catch (ReconcileException e)
        {
            _fullSyncNeeded = true;
            metrics.SyncFailed(e.Component, time.GetElapsedTime(started));
            Log.SyncFailed(logger, e.Component, e.InnerException!);
            throw;
        }
    }

    private async Task<int> ApplyAsync(NodePlan desired, PlanDiff diff, bool full, CancellationToken cancellationToken)
    {
        var operations = 0;

        // The sandbox (where the balancer lives) must exist before the balancer is read or written.
        if (desired.Ingress is not null && (full || diff.IngressChanged))
        {
            await Step("ingress", () => dataplanes.Ingress!.EnsureAsync(desired.Ingress, cancellationToken)).ConfigureAwait(false);
        }

        if (full)
        {
            await Step("balancer", () => dataplanes.Balancer.AdoptAsync(cancellationToken)).ConfigureAwait(false);
        }

        if (full || diff.BalancersChanged)
        {
            operations += await Step("balancer", () => dataplanes.Balancer.ApplyAsync(desired.Balancers, cancellationToken)).ConfigureAwait(false);
        }

        // DNAT last: published ports point at a sandbox and balancer that are already in place.
        if (full || diff.DnatChanged)
        {
            operations += await Step("dnat", () => dataplanes.Dnat.ApplyAsync(desired.Dnat, cancellationToken)).ConfigureAwait(false);
        }

        if (diff.IngressBefore is { } old && (desired.Ingress is null || old.SandboxNamespace != desired.Ingress.SandboxNamespace))
        {
            await Step("ingress", () => dataplanes.Ingress!.RemoveAsync(old, cancellationToken)).ConfigureAwait(false);
        }

        return operations;
    }

    private static async Task Step(string component, Func<Task> work) =>
        await Step(component, async () => { await work().ConfigureAwait(false); return 0; }).ConfigureAwait(false);

    private static async Task<T> Step<T>(string component, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ReconcileException(component, e);
        }
    }
}
