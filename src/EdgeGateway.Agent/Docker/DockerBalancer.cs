using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Plan;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// The balancer on a Docker node, spread over Docker's own namespaces: published-port frontends (at the ingress
/// sandbox's address) are balanced inside Docker's ingress sandbox; VIP frontends inside every local container
/// sandbox attached to the VIP's network, on the client side, where Docker itself puts its IPVS rules. Each namespace
/// holds one nftables table of ours, changed atomically. Container sandboxes come and go with containers: a new one
/// gets the current plan at once (<see cref="UpdateSandboxesAsync"/>), even when the plan did not change. The
/// connections of dead backends are forgotten in every namespace once the applied plan no longer chooses them
/// (<see cref="ForgetConnectionsAsync"/>).
/// </summary>
internal sealed class DockerBalancer(IPAddress ingressSandboxAddress, string ingressSandboxPath, ILogger<DockerBalancer> logger) : IBalancerDataplane
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SandboxBalancer _ingress = SandboxBalancer.AtPath(DataplaneKind.Nftables, ingressSandboxPath);
    private readonly Dictionary<string, SandboxBalancer> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<IPAddress> _dead = [];
    private ImmutableArray<LocalSandbox> _sandboxes = [];
    private BalancerPlan? _plan;

    public string Name => "nftables";

    /// <summary>
    /// Nothing to adopt up front: each namespace's balancer rebuilds its table whole, in one transaction, on its first
    /// apply (conntrack keeps established connections), and container sandboxes are only known once state is read.
    /// </summary>
    public Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken) => Task.FromResult(new BalancerStatus(Name, []));

    public async Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _plan = desired;
            return await ApplyEverywhereAsync(desired, TakeForgettable(applied: true), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Backends whose task is dead: the conntrack entries they answer go from every namespace as soon as the applied
    /// plan no longer chooses them (at once if it already does not, else after the apply that drains them). Until
    /// then a retransmitted SYN or a reused client port would follow such an entry to the dead address instead of
    /// being balanced again; and a dead task's established connections are dead anyway. The namespaces are visited one
    /// at a time, each under the gate: an apply that drains another backend (a task killed at the same moment) goes
    /// in between instead of waiting for the whole sweep.
    /// </summary>
    public async Task ForgetConnectionsAsync(IReadOnlyCollection<IPAddress> backends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backends);
        List<IPAddress> forget;
        ImmutableArray<LocalSandbox> sandboxes;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _dead.UnionWith(backends);
            forget = TakeForgettable(applied: false);
            sandboxes = _sandboxes;
        }
        finally
        {
            _gate.Release();
        }

        if (forget.Count == 0)
        {
            return;
        }

        var deleted = 0;
        foreach (var sandbox in sandboxes.Select(s => (LocalSandbox?)s).Prepend(null))
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                deleted += await ForgetInNamespaceAsync(sandbox, forget, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        LogForgotten(forget, deleted);
    }

    /// <summary>Takes this node's container sandboxes as they are now, changing nothing in the kernel (for status).</summary>
    public async Task FollowSandboxesAsync(ImmutableArray<LocalSandbox> sandboxes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _sandboxes = sandboxes;
        _gate.Release();
    }

    /// <summary>Follows this node's container sandboxes: new ones get the current plan, gone ones are forgotten.</summary>
    public async Task UpdateSandboxesAsync(ImmutableArray<LocalSandbox> sandboxes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = !_sandboxes.SequenceEqual(sandboxes);
            _sandboxes = sandboxes;
            foreach (var gone in _containers.Keys.Where(path => !sandboxes.Any(s => s.Path == path)).ToList())
            {
                await _containers[gone].DisposeAsync().ConfigureAwait(false);
                _containers.Remove(gone);
            }

            if (changed && _plan is not null)
            {
                await ApplyEverywhereAsync(_plan, [], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var frontends = new List<FrontendStatus>();
        if (File.Exists(ingressSandboxPath))
        {
            frontends.AddRange((await _ingress.ReadAsync(cancellationToken).ConfigureAwait(false)).Frontends);
        }

        // A VIP is balanced the same way in every client sandbox: show each frontend once.
        foreach (var sandbox in _sandboxes)
        {
            var status = await TryInSandboxAsync(sandbox, b => b.ReadAsync(cancellationToken)).ConfigureAwait(false);
            frontends.AddRange(status?.Frontends.Where(f => !frontends.Any(known => known.Frontend == f.Frontend)) ?? []);
        }

        return new BalancerStatus(Name, [.. frontends]);
    }

    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _plan = null;
            if (File.Exists(ingressSandboxPath))
            {
                await _ingress.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var sandbox in _sandboxes)
            {
                await TryInSandboxAsync(sandbox, async b => { await b.RemoveAllAsync(cancellationToken).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Leaves every namespace as it is: an agent restart must not flush live connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _ingress.DisposeAsync().ConfigureAwait(false);
        foreach (var balancer in _containers.Values)
        {
            await balancer.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <summary>The part of a plan one namespace holds: ingress frontends, or the VIPs of a sandbox's networks.</summary>
    public static BalancerPlan PartFor(BalancerPlan plan, IPAddress ingressSandboxAddress, LocalSandbox? sandbox) =>
        BalancerPlan.From(plan.Entries.Values.Where(e => sandbox is null
            ? e.Frontend.Address.Equals(ingressSandboxAddress)
            : !e.Frontend.Address.Equals(ingressSandboxAddress) && sandbox.Subnets.Any(s => s.Contains(e.Frontend.Address))));

    /// <summary>
    /// Applies each namespace's part of the plan, the ingress sandbox first (the published port takes the most new
    /// connections), and right after each apply forgets there the connections of dead backends it no longer chooses.
    /// </summary>
    private async Task<int> ApplyEverywhereAsync(BalancerPlan plan, IReadOnlyList<IPAddress> forget, CancellationToken cancellationToken)
    {
        var operations = await _ingress.ApplyAsync(PartFor(plan, ingressSandboxAddress, null), cancellationToken).ConfigureAwait(false);
        var deleted = await ForgetInAsync(_ingress, forget, cancellationToken).ConfigureAwait(false);
        foreach (var sandbox in _sandboxes)
        {
            operations += await TryInSandboxAsync(sandbox, b => b.ApplyAsync(PartFor(plan, ingressSandboxAddress, sandbox), cancellationToken)).ConfigureAwait(false);
            deleted += await TryInSandboxAsync(sandbox, b => ForgetInAsync(b, forget, cancellationToken)).ConfigureAwait(false);
        }

        LogForgotten(forget, deleted);
        return operations;
    }

    /// <summary>
    /// Forgets in one namespace (null: the ingress sandbox) the connections of those backends that an apply since the
    /// sweep began has not given to a live task again.
    /// </summary>
    private async Task<int> ForgetInNamespaceAsync(LocalSandbox? sandbox, List<IPAddress> forget, CancellationToken cancellationToken)
    {
        var chosen = Chosen();
        var still = forget.Where(a => !chosen.Contains(a)).ToList();
        if (sandbox is null)
        {
            return File.Exists(ingressSandboxPath) ? await ForgetInAsync(_ingress, still, cancellationToken).ConfigureAwait(false) : 0;
        }

        return _sandboxes.Any(s => s.Path == sandbox.Path) ? await TryInSandboxAsync(sandbox, b => ForgetInAsync(b, still, cancellationToken)).ConfigureAwait(false) : 0;
    }

    /// <summary>
    /// Takes the dead backends the current plan does not choose. One the plan still chooses right after an apply
    /// belongs to a live task again (its address was given to a new task): it is dropped, not forgotten.
    /// </summary>
    private List<IPAddress> TakeForgettable(bool applied)
    {
        if (_plan is null || _dead.Count == 0)
        {
            return [];
        }

        var chosen = Chosen();
        var forget = _dead.Where(a => !chosen.Contains(a)).ToList();
        if (applied)
        {
            _dead.Clear();
        }
        else
        {
            _dead.ExceptWith(forget);
        }

        return forget;
    }

    /// <summary>The backends the current plan sends new connections to.</summary>
    private HashSet<IPAddress> Chosen() =>
        _plan is null ? [] : _plan.Entries.Values.SelectMany(e => e.Backends).Where(b => b.Weight > 0).Select(b => b.Address).ToHashSet();

    /// <summary>A failed delete is reported, not thrown: the plan itself was applied, and entries expire in time.</summary>
    private async Task<int> ForgetInAsync(SandboxBalancer balancer, IReadOnlyList<IPAddress> forget, CancellationToken cancellationToken)
    {
        if (forget.Count == 0)
        {
            return 0;
        }

        try
        {
            return await balancer.ForgetConnectionsAsync(forget, cancellationToken).ConfigureAwait(false);
        }
        catch (KernelCallException e)
        {
            Log.DeadConnectionsNotForgotten(logger, string.Join(", ", forget), e.Message);
            return 0;
        }
    }

    private void LogForgotten(IReadOnlyList<IPAddress> forget, int deleted)
    {
        if (forget.Count > 0)
        {
            Log.DeadConnectionsForgotten(logger, string.Join(", ", forget), deleted);
        }
    }

    /// <summary>Runs work in a container's sandbox; a container that exited meanwhile (its namespace file is gone) is skipped.</summary>
    private async Task<T?> TryInSandboxAsync<T>(LocalSandbox sandbox, Func<SandboxBalancer, Task<T>> work)
    {
        if (!_containers.TryGetValue(sandbox.Path, out var balancer))
        {
            balancer = SandboxBalancer.AtPath(DataplaneKind.Nftables, sandbox.Path);
            _containers[sandbox.Path] = balancer;
        }

        try
        {
            return await work(balancer).ConfigureAwait(false);
        }
        catch (Exception) when (!File.Exists(sandbox.Path))
        {
            Log.SandboxGone(logger, sandbox.Path);
            await balancer.DisposeAsync().ConfigureAwait(false);
            _containers.Remove(sandbox.Path);
            return default;
        }
    }
}
