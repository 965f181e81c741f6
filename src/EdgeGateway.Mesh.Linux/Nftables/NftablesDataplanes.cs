using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Entry points for the nftables dataplanes. Each call into libnftables runs through <c>invoke</c> when given (to
/// reach another network namespace), else on the caller's thread and namespace.
/// </summary>
public static class NftablesDataplanes
{
    /// <summary>The balancer's name in config and status.</summary>
    public const string BalancerName = NftablesBalancerDataplane.DataplaneName;

    /// <summary>The balancer dataplane (table <c>ip edge_mesh</c>); call AdoptAsync before the first apply.</summary>
    public static IBalancerDataplane CreateBalancer(NamespaceInvoker? invoke = null) =>
        new NftablesBalancerDataplane(new LibNftablesRunner(invoke), ConntrackTable.Reader(invoke));

    /// <summary>
    /// Published-port DNAT (table <c>ip edge_ingress</c>, plus the accept rule in Docker's DOCKER-USER chain when
    /// options name its interface); the first apply adopts what the kernel holds.
    /// </summary>
    public static IPublishedPortDnat CreatePublishedPortDnat(PublishedPortDnatOptions options, NamespaceInvoker? invoke = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runner = new LibNftablesRunner(invoke);
        return new NftablesPublishedPortDnat(runner, RouteLocalnet.For(options.LoopbackInterfaces, invoke), options.DockerUserInterface);
    }

    /// <summary>The balancer dataplane inside <paramref name="ns"/> (the ingress sandbox).</summary>
    public static IBalancerDataplane CreateBalancer(NetNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return CreateBalancer(ns.RunAsync);
    }

    /// <summary>Published-port DNAT inside <paramref name="ns"/>.</summary>
    public static IPublishedPortDnat CreatePublishedPortDnat(PublishedPortDnatOptions options, NetNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return CreatePublishedPortDnat(options, ns.RunAsync);
    }

    /// <summary>True when libnftables can be loaded and can talk to the kernel from the current namespace.</summary>
    public static bool IsAvailable()
    {
        try
        {
            using var context = new NftablesContext(jsonOutput: true);
            context.Run("list tables");
            return true;
        }
        catch (NftablesException)
        {
            return false;
        }
    }
}
