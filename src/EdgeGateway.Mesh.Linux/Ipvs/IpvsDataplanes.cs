using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Sysctls;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>Entry points for the IPVS balancer dataplane.</summary>
public static class IpvsDataplanes
{
    /// <summary>The balancer's name in config and status.</summary>
    public const string BalancerName = IpvsDataplane.DataplaneName;

    /// <summary>
    /// The IPVS balancer of <paramref name="ns"/> (the ingress sandbox), or of the caller's namespace when null.
    /// Also sets the IPVS sysctls there; call AdoptAsync before the first apply.
    /// </summary>
    public static async Task<IBalancerDataplane> CreateBalancerAsync(NetNamespace? ns = null)
    {
        // The netlink socket is bound to the namespace it was opened in, so later calls may come from any thread.
        var client = ns is null ? Open() : await ns.RunAsync(Open).ConfigureAwait(false);
        return new IpvsDataplane(client);
    }

    private static IpvsClient Open()
    {
        var client = IpvsClient.Open();
        MeshSysctls.Apply(MeshSysctls.Ipvs);
        return client;
    }
}
