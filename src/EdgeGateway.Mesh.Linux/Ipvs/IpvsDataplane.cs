using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>
/// The IPVS balancer: one virtual service per frontend (NAT forwarding toward the backends), kept in step with the
/// plan by diffing against a mirror of the kernel's table. IPVS has no transactions, so a failed change is undone
/// by syncing back to the mirror taken before it. The namespace's IPVS table belongs to this dataplane.
/// </summary>
internal sealed class IpvsDataplane : IBalancerDataplane
{
    public const string DataplaneName = "ipvs";
    private const int ErrnoNoEntry = 2;

    private readonly IpvsClient _client;
    private readonly IpvsSchedulers _schedulers = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<Frontend, IpvsMirrorEntry> _mirror = [];

    public IpvsDataplane(IpvsClient client) => _client = client;

    public string Name => DataplaneName;

    public async Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var status = Read();
            _mirror = IpvsMapping.MirrorOf(status);
            return status;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var before = new Dictionary<Frontend, IpvsMirrorEntry>(_mirror);
        try
        {
            var target = desired.Entries.Values.ToDictionary(e => e.Frontend, e => IpvsMapping.EntryOf(e, _schedulers.NameFor(e.Scheduler)));
            return SyncTo(target);
        }
        catch (KernelCallException)
        {
            RestoreBestEffort(before);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Read();
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
            foreach (var service in _client.DumpServices().Where(s => s.Key.FirewallMark == 0))
            {
                _client.DeleteService(service.Key);
            }

            _mirror = [];
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    // Emits the operations that turn the mirror into target, updating the mirror after each one that succeeded.
    private int SyncTo(Dictionary<Frontend, IpvsMirrorEntry> target)
    {
        var operations = 0;
        foreach (var gone in _mirror.Keys.Where(f => !target.ContainsKey(f)).ToList())
        {
            _client.DeleteService(IpvsMapping.KeyOf(gone));
            _mirror.Remove(gone);
            operations++;
        }

        foreach (var (frontend, wanted) in target)
        {
            operations += SyncService(frontend, wanted);
        }

        return operations;
    }

    private int SyncService(Frontend frontend, IpvsMirrorEntry wanted)
    {
        var key = IpvsMapping.KeyOf(frontend);
        var operations = 0;
        if (!_mirror.TryGetValue(frontend, out var current))
        {
            current = new IpvsMirrorEntry(WriteService(key, wanted.Scheduler, add: true), ImmutableDictionary<IPEndPoint, int>.Empty);
            _mirror[frontend] = current;
            operations++;
        }
        else if (current.Scheduler != wanted.Scheduler)
        {
            current = current with { Scheduler = WriteService(key, wanted.Scheduler, add: false) };
            _mirror[frontend] = current;
            operations++;
        }

        foreach (var gone in current.Weights.Keys.Where(b => !wanted.Weights.ContainsKey(b)).ToList())
        {
            _client.DeleteDestination(key, gone.Address, gone.Port);
            current = current with { Weights = current.Weights.Remove(gone) };
            _mirror[frontend] = current;
            operations++;
        }

        foreach (var (backend, weight) in wanted.Weights)
        {
            if (current.Weights.TryGetValue(backend, out var had) && had == weight)
            {
                continue;
            }

            if (current.Weights.ContainsKey(backend))
            {
                _client.UpdateDestination(key, backend.Address, backend.Port, weight);
            }
            else
            {
                _client.AddDestination(key, backend.Address, backend.Port, weight);
            }

            current = current with { Weights = current.Weights.SetItem(backend, weight) };
            _mirror[frontend] = current;
            operations++;
        }

        return operations;
    }

    // Returns the scheduler actually used: mh falls back to sh on kernels without the mh module.
    private string WriteService(IpvsServiceKey key, string scheduler, bool add)
    {
        try
        {
            if (add)
            {
                _client.AddService(key, scheduler);
            }
            else
            {
                _client.UpdateService(key, scheduler);
            }

            return scheduler;
        }
        catch (KernelCallException e) when (e.Errno == ErrnoNoEntry && _schedulers.FallbackFor(scheduler) is { } fallback)
        {
            return WriteService(key, fallback, add);
        }
    }

    private void RestoreBestEffort(Dictionary<Frontend, IpvsMirrorEntry> before)
    {
        try
        {
            SyncTo(before);
        }
        catch (KernelCallException)
        {
            // The kernel refuses even the known-good state: re-read it so the next apply diffs against the truth.
            _mirror = IpvsMapping.MirrorOf(Read());
        }
    }

    private BalancerStatus Read()
    {
        var frontends = _client.DumpServices()
            .Where(s => s.Key.FirewallMark == 0)
            .Select(s => new FrontendStatus(
                IpvsMapping.FrontendOf(s.Key),
                s.Scheduler,
                [.. _client.DumpDestinations(s.Key)
                    .Select(d => new BackendStatus(new Backend(d.Address, d.Port, d.Weight), d.ActiveConnections))
                    .OrderBy(b => b.Backend.Address.ToString(), StringComparer.Ordinal)
                    .ThenBy(b => b.Backend.Port)]))
            .OrderBy(f => f.Frontend.ToString(), StringComparer.Ordinal);
        return new BalancerStatus(DataplaneName, [.. frontends]);
    }
}
