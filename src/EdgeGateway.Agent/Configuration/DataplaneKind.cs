namespace EdgeGateway.Agent.Configuration;

/// <summary>Which kernel balancer the agent programs; Auto probes the kernel for IPVS.</summary>
public enum DataplaneKind
{
    Auto,
    Nftables,
    Ipvs,
}
