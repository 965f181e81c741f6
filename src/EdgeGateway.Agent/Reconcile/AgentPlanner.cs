using System.Net;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Agent.Reconcile;

/// <summary>The planner as this agent uses it: its node, its options, and the underlay guard.</summary>
internal sealed class AgentPlanner(AgentOptions options)
{
    private readonly MeshPlanner _planner = new(PlannerOptionsFor(options));

    public string Node { get; } = options.Node ?? throw new ArgumentException("node is not set", nameof(options));

    public static PlannerOptions PlannerOptionsFor(AgentOptions options) => new()
    {
        SandboxLink = options.SandboxLink,
        VxlanPort = options.VxlanPort,
        StandaloneIngress = options.DockerIngressAddress is null,
        DnatTarget = options.DockerIngressAddress,
    };

    /// <summary>
    /// An ingress plan carrying only this node's names (addresses are unspecified): enough to remove the ingress
    /// network when no cluster state is at hand.
    /// </summary>
    public IngressNetworkPlan NamesOnlyIngress()
    {
        var names = PlannerOptionsFor(options);
        return new IngressNetworkPlan(
            names.SandboxNamespacePrefix + Node, names.BridgeName, names.VxlanName, 0, names.VxlanPort, default,
            IPAddress.Any, IPAddress.Any, [], names.HostVethName, IPAddress.Any, IPAddress.Any, names.SandboxLink.PrefixLength);
    }

    /// <summary>This node's plan; throws <see cref="PlanningException"/> naming the problem.</summary>
    public NodePlan Plan(ClusterState state)
    {
        var node = state.Nodes.FirstOrDefault(n => n.Name == Node);
        if (node is not null && options.UnderlayAddress is { } expected && !node.Underlay.Equals(expected))
        {
            throw new PlanningException($"node '{Node}' has address {node.Underlay} in the cluster state, but this agent's underlayAddress is {expected}");
        }

        return _planner.Plan(state, Node);
    }
}
