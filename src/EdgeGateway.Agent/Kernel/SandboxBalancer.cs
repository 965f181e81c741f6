using EdgeGateway.Agent.Configuration;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Agent.Kernel;

/// <summary>
/// The balancer dataplane working inside the ingress sandbox namespace. The namespace is entered (on a dedicated
/// thread) at first use, because on a fresh node the first sync is what creates it.
/// </summary>
internal sealed class SandboxBalancer : IAsyncDisposable
{
    private readonly string _namespaceName;
    private readonly Func<Task<NetNamespace>> _open;
    private Task<NetNamespace>? _namespace;

    public SandboxBalancer(DataplaneKind kind, string namespaceName)
        : this(kind, namespaceName, () => NetNamespace.OpenAsync(namespaceName))
    {
    }

    private SandboxBalancer(DataplaneKind kind, string namespaceName, Func<Task<NetNamespace>> open)
    {
        _namespaceName = namespaceName;
        _open = open;
        Balancer = kind switch
        {
            DataplaneKind.Nftables => NftablesDataplanes.CreateBalancer(InvokeAsync),
            _ => throw new AgentConfigException($"dataplane '{kind.ToString().ToLowerInvariant()}' is not available in this build; use nftables"),
        };
    }

    public IBalancerDataplane Balancer { get; }

    /// <summary>A balancer in a namespace bound at a path of its own (Docker's sandboxes under /var/run/docker/netns).</summary>
    public static SandboxBalancer AtPath(DataplaneKind kind, string path) => new(kind, path, () => NetNamespace.OpenPathAsync(path));

    public bool NamespaceExists => NetNamespaceStore.Exists(_namespaceName);

    public async ValueTask DisposeAsync()
    {
        await Balancer.DisposeAsync().ConfigureAwait(false);
        if (_namespace is { IsCompletedSuccessfully: true } opened)
        {
            await opened.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<string> InvokeAsync(Func<string> work, CancellationToken cancellationToken)
    {
        var opening = _namespace ??= _open();
        NetNamespace ns;
        try
        {
            ns = await opening.ConfigureAwait(false);
        }
        catch
        {
            _namespace = null;
            throw;
        }

        return await ns.RunAsync(work, cancellationToken).ConfigureAwait(false);
    }
}
