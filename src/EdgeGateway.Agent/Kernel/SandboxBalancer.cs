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
    private Task<NetNamespace>? _namespace;

    public SandboxBalancer(DataplaneKind kind, string namespaceName)
    {
        _namespaceName = namespaceName;
        Balancer = kind switch
        {
            DataplaneKind.Nftables => NftablesDataplanes.CreateBalancer(InvokeAsync),
            _ => throw new AgentConfigException($"dataplane '{kind.ToString().ToLowerInvariant()}' is not available in this build; use nftables"),
        };
    }

    public IBalancerDataplane Balancer { get; }

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
        var opening = _namespace ??= NetNamespace.OpenAsync(_namespaceName);
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
