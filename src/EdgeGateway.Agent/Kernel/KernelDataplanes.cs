using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Agent.Kernel;

/// <summary>
/// The real dataplanes for this node: the ingress network built by netlink, the balancer inside the ingress sandbox,
/// and published-port DNAT in the agent's own namespace.
/// </summary>
internal sealed class KernelDataplanes : IAsyncDisposable
{
    private readonly SandboxBalancer _balancer;

    private KernelDataplanes(SandboxBalancer balancer, MeshDataplanes dataplanes)
    {
        _balancer = balancer;
        Dataplanes = dataplanes;
    }

    public MeshDataplanes Dataplanes { get; }

    public static KernelDataplanes Create(AgentOptions options, DataplaneKind kind)
    {
        var planner = AgentPlanner.PlannerOptionsFor(options);
        var balancer = new SandboxBalancer(kind, SandboxNamespace(options));
        var dnat = NftablesDataplanes.CreatePublishedPortDnat(new PublishedPortDnatOptions([planner.HostVethName]));
        return new KernelDataplanes(balancer, new MeshDataplanes(IngressNetworks.Create(options), dnat, balancer));
    }

    public static string SandboxNamespace(AgentOptions options) => PlannerOptions.DefaultNamespacePrefix + options.Node;

    /// <summary>Probes the kernel and resolves Auto: IPVS when it is there, nftables otherwise.</summary>
    public static DataplaneKind Choose(DataplaneKind configured) => DataplaneSelector.Select(configured, Mesh.Linux.KernelProbe.HasIpvs());

    public ValueTask DisposeAsync() => _balancer.DisposeAsync();
}
