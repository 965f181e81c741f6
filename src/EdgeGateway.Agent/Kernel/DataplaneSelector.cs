using EdgeGateway.Agent.Configuration;

namespace EdgeGateway.Agent.Kernel;

/// <summary>
/// Picks the balancer dataplane: the configured one, or with Auto, IPVS when the kernel has the IPVS generic netlink
/// family and nftables otherwise.
/// </summary>
internal static class DataplaneSelector
{
    public static DataplaneKind Select(DataplaneKind configured, bool ipvsAvailable) => configured switch
    {
        DataplaneKind.Auto => ipvsAvailable ? DataplaneKind.Ipvs : DataplaneKind.Nftables,
        DataplaneKind.Ipvs when !ipvsAvailable => throw new InvalidOperationException(
            "dataplane 'ipvs' is configured but the kernel has no IPVS (generic netlink family \"IPVS\" not found; is the ip_vs module loaded?)"),
        DataplaneKind.None => throw new InvalidOperationException(
            "dataplane 'none' (follow and publish the cluster state, program nothing) is for --source docker, where Docker's own mesh balances"),
        _ => configured,
    };
}
