using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Mesh.Linux.Ingress;

/// <summary>Entry point for the standalone ingress network.</summary>
public static class IngressNetworks
{
    /// <summary>
    /// The ingress network builder. The host side (underlay, host veth end) is built in <paramref name="host"/>,
    /// or in the caller's own namespace when null. Dispose it (IAsyncDisposable) to stop its namespace threads.
    /// </summary>
    public static IIngressNetwork Create(NetNamespace? host = null) => new IngressNetwork(host);
}
