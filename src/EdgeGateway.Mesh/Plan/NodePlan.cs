using System.Collections.Immutable;
using System.Net;

namespace EdgeGateway.Mesh.Plan;

/// <summary>
/// The ingress network the agent builds on one node in standalone mode: a sandbox namespace holding the overlay
/// bridge and VXLAN device (peered with every other node), linked to the host namespace by a veth pair.
/// Null in a node plan when Docker owns the ingress network.
/// </summary>
public sealed record IngressNetworkPlan(
    string SandboxNamespace,
    string BridgeName,
    string VxlanName,
    int Vni,
    int VxlanPort,
    IPNetwork Subnet,
    IPAddress SandboxAddress,
    IPAddress LocalUnderlay,
    ImmutableArray<IPAddress> PeerUnderlays,
    string HostVethName,
    IPAddress HostVethAddress,
    IPAddress SandboxVethAddress,
    int VethPrefixLength)
{
    // Tuple equality (not ==) so addresses compare by value.
    public bool Equals(IngressNetworkPlan? other) =>
        other is not null
        && (SandboxNamespace, BridgeName, VxlanName, Vni, VxlanPort, Subnet, SandboxAddress, LocalUnderlay, HostVethName, HostVethAddress, SandboxVethAddress, VethPrefixLength)
            .Equals((other.SandboxNamespace, other.BridgeName, other.VxlanName, other.Vni, other.VxlanPort, other.Subnet, other.SandboxAddress, other.LocalUnderlay, other.HostVethName, other.HostVethAddress, other.SandboxVethAddress, other.VethPrefixLength))
        && PeerUnderlays.SequenceEqual(other.PeerUnderlays);

    public override int GetHashCode() => HashCode.Combine(SandboxNamespace, Vni, Subnet, SandboxAddress, PeerUnderlays.Length);
}

/// <summary>Host-side DNAT of a published port to the ingress sandbox, on every node.</summary>
public sealed record PublishedPortDnat(L4Protocol Protocol, int PublishedPort, IPAddress Target, int TargetPort)
{
    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()} :{PublishedPort} -> {Target}:{TargetPort}";
}

/// <summary>Everything one node's kernel must hold. A value: comparable, diffable, printable.</summary>
public sealed record NodePlan(string Node, IngressNetworkPlan? Ingress, ImmutableArray<PublishedPortDnat> Dnat, BalancerPlan Balancers)
{
    public bool Equals(NodePlan? other) =>
        other is not null && Node == other.Node && Equals(Ingress, other.Ingress)
        && Dnat.SequenceEqual(other.Dnat) && Balancers.Equals(other.Balancers);

    public override int GetHashCode() => HashCode.Combine(Node, Dnat.Length, Balancers);
}
