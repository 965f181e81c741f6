namespace EdgeGateway.Mesh.Linux.Sysctls;

/// <summary>The sysctls the routing mesh depends on, per namespace role.</summary>
internal static class MeshSysctls
{
    /// <summary>Host side: forward toward the sandbox; route_localnet lets DNAT serve clients on 127.0.0.1.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Host =
    [
        new("net.ipv4.ip_forward", "1"),
        new("net.ipv4.conf.all.route_localnet", "1"),
    ];

    /// <summary>Ingress sandbox: forwarding; bridged overlay traffic should not traverse iptables.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Sandbox =
    [
        new("net.ipv4.ip_forward", "1"),
        new("net.bridge.bridge-nf-call-iptables", "0"),
        new("net.bridge.bridge-nf-call-ip6tables", "0"),
    ];

    /// <summary>
    /// Where IPVS balances (they exist once ip_vs is loaded): conntrack so NAT/SNAT rules see IPVS traffic, drop
    /// connections to removed backends, no reuse of an old connection slot on a draining backend, expire stale
    /// persistence templates.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Ipvs =
    [
        new("net.ipv4.vs.conntrack", "1"),
        new("net.ipv4.vs.expire_nodest_conn", "1"),
        new("net.ipv4.vs.conn_reuse_mode", "0"),
        new("net.ipv4.vs.expire_quiescent_template", "1"),
    ];

    /// <summary>Applies each key that exists on this kernel; returns the keys it skipped.</summary>
    public static List<string> Apply(IEnumerable<KeyValuePair<string, string>> settings) =>
        settings.Where(s => !Sysctl.TryWrite(s.Key, s.Value)).Select(s => s.Key).ToList();
}
