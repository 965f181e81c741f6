using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Planning;

/// <summary>
/// Turns cluster state into what one node's kernel must hold. Pure and deterministic: the same state gives an equal
/// plan, so a restart applies nothing new. Every node gets every frontend, whether or not it runs tasks.
/// </summary>
public sealed class MeshPlanner(PlannerOptions options)
{
    public PlannerOptions Options { get; } = options;

    public NodePlan Plan(ClusterState state, string nodeName)
    {
        var node = state.Nodes.FirstOrDefault(n => n.Name == nodeName)
            ?? throw new PlanningException($"node '{nodeName}' is not in the cluster state (known: {string.Join(", ", state.Nodes.Select(n => n.Name))})");
        var ingressNetwork = state.IngressNetwork;
        var ingress = Options.StandaloneIngress && ingressNetwork is not null ? IngressPlan(state, ingressNetwork, node) : null;
        var publishTarget = ingress?.SandboxVethAddress ?? (Options.StandaloneIngress ? null : Options.DnatTarget);

        var tasksByService = state.Tasks.ToLookup(t => t.Service, StringComparer.Ordinal);
        var entries = new List<BalancerEntry>();
        var dnat = new List<PublishedPortDnat>();
        foreach (var service in state.Services)
        {
            var tasks = tasksByService[service.Name].ToList();
            if (publishTarget is not null && ingressNetwork is not null)
            {
                foreach (var port in service.Ports.Where(p => p.PublishedPort is not null))
                {
                    var published = port.PublishedPort!.Value;
                    dnat.Add(new PublishedPortDnat(port.Protocol, published, publishTarget, published));
                    entries.Add(Entry(service, new Frontend(publishTarget, port.Protocol, published), tasks, ingressNetwork.Name, port.TargetPort));
                }
            }

            if (service.EndpointMode == EndpointMode.Vip)
            {
                foreach (var (network, vip) in service.Vips)
                {
                    foreach (var port in service.Ports.DistinctBy(p => (p.Protocol, p.TargetPort)))
                    {
                        entries.Add(Entry(service, new Frontend(vip, port.Protocol, port.TargetPort), tasks, network, port.TargetPort));
                    }
                }
            }
        }

        var orderedDnat = dnat.OrderBy(d => d.Protocol).ThenBy(d => d.PublishedPort).ToImmutableArray();
        return new NodePlan(node.Name, ingress, orderedDnat, BalancerPlan.From(entries));
    }

    private BalancerEntry Entry(ClusterService service, Frontend frontend, List<ClusterTask> tasks, string network, int targetPort)
    {
        var backends = new List<Backend>();
        foreach (var task in tasks)
        {
            var weight = TaskWeights.Of(task);
            if (weight is not null && task.Addresses.TryGetValue(network, out var address))
            {
                backends.Add(new Backend(address, targetPort, weight.Value));
            }
        }

        var ordered = backends.OrderBy(b => b.Address, AddressComparer.Instance).ThenBy(b => b.Port).ToImmutableArray();
        return new BalancerEntry(service.Name, frontend, Options.Scheduler, ordered);
    }

    private IngressNetworkPlan IngressPlan(ClusterState state, OverlayNetwork ingress, ClusterNode node)
    {
        var peers = state.Nodes.Where(n => n.Name != node.Name).Select(n => n.Underlay)
            .Distinct().Order(AddressComparer.Instance).ToImmutableArray();
        return new IngressNetworkPlan(
            SandboxNamespace: Options.SandboxNamespacePrefix + node.Name,
            BridgeName: Options.BridgeName,
            VxlanName: Options.VxlanName,
            Vni: ingress.Vni,
            VxlanPort: Options.VxlanPort,
            Subnet: ingress.Subnet,
            SandboxAddress: IngressAddressing.SandboxAddress(state, ingress, node),
            LocalUnderlay: node.Underlay,
            PeerUnderlays: peers,
            HostVethName: Options.HostVethName,
            HostVethAddress: IngressAddressing.HostVethAddress(Options),
            SandboxVethAddress: IngressAddressing.SandboxVethAddress(Options),
            VethPrefixLength: Options.SandboxLink.PrefixLength);
    }
}
