using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Ingress;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Agent.Kernel;

/// <summary>
/// The real dataplanes for this node: the ingress network built by netlink, the balancer inside the ingress sandbox,
/// and published-port DNAT in the agent's own namespace. Disposing releases threads and sockets, never kernel state.
/// </summary>
internal sealed class KernelDataplanes : IAsyncDisposable
{
    private KernelDataplanes(MeshDataplanes dataplanes) => Dataplanes = dataplanes;

    public MeshDataplanes Dataplanes { get; }

    public static KernelDataplanes Create(AgentOptions options, DataplaneKind kind)
    {
        var planner = AgentPlanner.PlannerOptionsFor(options);
        var dnat = NftablesDataplanes.CreatePublishedPortDnat(new PublishedPortDnatOptions([planner.HostVethName]));
        return new KernelDataplanes(new MeshDataplanes(IngressNetworks.Create(), dnat, new SandboxBalancer(kind, SandboxNamespace(options))));
    }

    public static string SandboxNamespace(AgentOptions options) => PlannerOptions.DefaultNamespacePrefix + options.Node;

    /// <summary>Probes the kernel and resolves Auto: IPVS when it is there, nftables otherwise.</summary>
    public static DataplaneKind Choose(DataplaneKind configured) => DataplaneSelector.Select(configured, Mesh.Linux.KernelProbe.HasIpvs());

    public async ValueTask DisposeAsync()
    {
        await Dataplanes.Balancer.DisposeAsync().ConfigureAwait(false);
        await Release(Dataplanes.Ingress).ConfigureAwait(false);
        await Release(Dataplanes.Dnat).ConfigureAwait(false);
    }

    private static async ValueTask Release(object? part)
    {
        switch (part)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
