using System.Net;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>
/// Forgets the connections a dead backend answered. A balancer's choice lives on in conntrack: an entry still maps
/// its client's packets (a retransmitted SYN, a reused client port) to the backend it once chose, even after the
/// balancer stopped choosing it. Deleting the entries whose reply comes from the backend sends those packets
/// through the balancer again, to a live backend (as kube-proxy does for removed endpoints).
/// </summary>
public static class ConntrackFlush
{
    /// <summary>Deletes, in the calling thread's namespace, every IPv4 entry answered by one of the backends; returns how many.</summary>
    public static int DeleteAnsweredBy(IReadOnlyCollection<IPAddress> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        if (backends.Count == 0)
        {
            return 0;
        }

        using var client = ConntrackClient.Open();
        return client.DumpIpv4().Where(e => backends.Contains(e.ReplySource)).Count(client.Delete);
    }

    /// <summary>The same inside a namespace (e.g. one of Docker's sandboxes).</summary>
    public static Task<int> DeleteAnsweredByAsync(NetNamespace where, IReadOnlyCollection<IPAddress> backends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        return where.RunAsync(() => DeleteAnsweredBy(backends), cancellationToken);
    }
}
