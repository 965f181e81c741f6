namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Turns on net.ipv4.conf.IFACE.route_localnet: a loopback client's packet DNATed toward the sandbox leaves through
/// IFACE with a 127.0.0.0/8 source, which the kernel refuses to route without it. Only the named interfaces get
/// it, never "all". Interfaces that do not exist (yet) are skipped. /proc/sys/net follows the calling thread's
/// namespace, so the write runs through the same invoker as the nft batches.
/// </summary>
internal static class RouteLocalnet
{
    public static Func<CancellationToken, Task> For(IReadOnlyList<string> interfaces, NamespaceInvoker? invoke) =>
        async cancellationToken =>
        {
            if (interfaces.Count == 0)
            {
                return;
            }

            string Work()
            {
                foreach (var name in interfaces)
                {
                    var path = $"/proc/sys/net/ipv4/conf/{name}/route_localnet";
                    if (File.Exists(path) && File.ReadAllText(path).Trim() != "1")
                    {
                        File.WriteAllText(path, "1");
                    }
                }

                return string.Empty;
            }

            _ = invoke is null ? Work() : await invoke(Work, cancellationToken).ConfigureAwait(false);
        };
}
