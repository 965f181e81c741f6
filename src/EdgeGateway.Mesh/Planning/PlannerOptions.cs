using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Planning;

/// <summary>
/// Node-independent choices of the planner. In standalone mode the agent builds the ingress network itself; otherwise
/// (Docker owns the ingress network) published ports are DNATed to <see cref="DnatTarget"/> when it is set.
/// </summary>
public sealed record PlannerOptions
{
    public const string DefaultNamespacePrefix = "edge-sbox-";

    public bool StandaloneIngress { get; init; } = true;

    /// <summary>The node-local link between host and sandbox; host gets the first address, sandbox the second.</summary>
    public IPNetwork SandboxLink { get; init; } = IPNetwork.Parse("169.254.127.0/30");

    /// <summary>Sandbox namespace name is this prefix plus the node name, so several nodes can share one machine.</summary>
    public string SandboxNamespacePrefix { get; init; } = DefaultNamespacePrefix;

    public string BridgeName { get; init; } = "eg-br0";

    public string VxlanName { get; init; } = "eg-vxlan0";

    public string HostVethName { get; init; } = "eg-ingress0";

    public int VxlanPort { get; init; } = 4789;

    public Scheduler Scheduler { get; init; } = Scheduler.RoundRobin;

    /// <summary>Where published ports go when Docker owns the ingress network (its ingress sandbox's address).</summary>
    public IPAddress? DnatTarget { get; init; }
}
