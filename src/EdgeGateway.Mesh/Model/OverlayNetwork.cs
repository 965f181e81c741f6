using System.Net;

namespace EdgeGateway.Mesh.Model;

/// <summary>An overlay network: its subnet and VXLAN id. At most one network is the ingress network.</summary>
public sealed record OverlayNetwork(string Name, IPNetwork Subnet, int Vni, bool Ingress);
