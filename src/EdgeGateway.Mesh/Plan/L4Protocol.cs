namespace EdgeGateway.Mesh.Plan;

/// <summary>Transport protocol of a published port or balancer frontend.</summary>
public enum L4Protocol
{
    Tcp,
    Udp,
}
