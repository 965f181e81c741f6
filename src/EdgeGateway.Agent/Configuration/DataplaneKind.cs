namespace EdgeGateway.Agent.Configuration;

/// <summary>
/// Which kernel balancer the agent programs; Auto probes the kernel for IPVS. None programs nothing: on a Docker node
/// whose kernel has IPVS, Docker's own mesh balances, and the agent only follows and publishes the cluster state.
/// </summary>
public enum DataplaneKind
{
    Auto,
    Nftables,
    Ipvs,
    None,
}
