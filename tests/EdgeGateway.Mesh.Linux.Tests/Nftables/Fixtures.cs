namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

/// <summary>`nft -j list table` output captured from a real kernel after applying the golden transactions.</summary>
internal static class Fixtures
{
    /// <summary>The table <see cref="Plans.Three"/> renders to.</summary>
    public static string BalancerThree => Read("balancer-three.json");

    /// <summary>The ingress table with tcp 8080 -> 172.30.0.2:80 and udp 5353 -> 172.30.0.2:53.</summary>
    public static string IngressTwo => Read("ingress-two.json");

    /// <summary>
    /// Docker's DOCKER-USER chain (as iptables-nft makes it: RETURN) holding an admin's rule (handle 7) and the agent's
    /// rule for tcp/80 and udp/53 to 172.30.0.2 via docker_gwbridge (handle 6).
    /// </summary>
    public static string DockerUserAgentRule => Read("docker-user-agent-rule.json");

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Nftables", "Fixtures", name));
}
