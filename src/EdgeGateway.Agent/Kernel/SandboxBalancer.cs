using EdgeGateway.Agent.Configuration;
using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Conntrack;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Kernel;

/// <summary>
/// The balancer dataplane of the ingress sandbox namespace. On a fresh node the first sync is what creates the
/// sandbox, so the namespace is entered and the real dataplane (nftables or IPVS) created at first use.
/// </summary>
internal sealed class SandboxBalancer(DataplaneKind kind, string namespaceName, Func<Task<NetNamespace>> open) : IBalancerDataplane
{
    private NetNamespace? _namespace;

    /// <summary>A balancer in the named namespace /var/run/netns/<paramref name="namespaceName"/>.</summary>
    public SandboxBalancer(DataplaneKind kind, string namespaceName)
        : this(kind, namespaceName, () => NetNamespace.OpenAsync(namespaceName))
    {
    }

    /// <summary>A balancer in a namespace bound at a path of its own (Docker's sandboxes under /var/run/docker/netns).</summary>
    public static SandboxBalancer AtPath(DataplaneKind kind, string path) => new(kind, path, () => NetNamespace.OpenPathAsync(path));
    private IBalancerDataplane? _balancer;

    public string Name => kind == DataplaneKind.Ipvs ? IpvsDataplanes.BalancerName : NftablesDataplanes.BalancerName;

    public bool NamespaceExists => NetNamespaceStore.Exists(namespaceName);

    public async Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken) =>
        await (await BalancerAsync().ConfigureAwait(false)).AdoptAsync(cancellationToken).ConfigureAwait(false);

    public async Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken) =>
        await (await BalancerAsync().ConfigureAwait(false)).ApplyAsync(desired, cancellationToken).ConfigureAwait(false);

    public async Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken) =>
        await (await BalancerAsync().ConfigureAwait(false)).ReadAsync(cancellationToken).ConfigureAwait(false);

    public async Task RemoveAllAsync(CancellationToken cancellationToken) =>
        await (await BalancerAsync().ConfigureAwait(false)).RemoveAllAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the namespace's conntrack entries that the backends answer; returns how many.</summary>
    public async Task<int> ForgetConnectionsAsync(IReadOnlyCollection<IPAddress> backends, CancellationToken cancellationToken)
    {
        _namespace ??= await open().ConfigureAwait(false);
        return await ConntrackFlush.DeleteAnsweredByAsync(_namespace, backends, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves the kernel as it is; only the namespace thread and sockets are released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync().ConfigureAwait(false);
        }

        if (_namespace is not null)
        {
            await _namespace.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<IBalancerDataplane> BalancerAsync()
    {
        if (_balancer is not null)
        {
            return _balancer;
        }

        _namespace ??= await open().ConfigureAwait(false);
        _balancer = kind switch
        {
            DataplaneKind.Ipvs => await IpvsDataplanes.CreateBalancerAsync(_namespace).ConfigureAwait(false),
            DataplaneKind.Nftables => NftablesDataplanes.CreateBalancer(_namespace),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "resolve auto before creating the balancer"),
        };
        return _balancer;
    }
}
