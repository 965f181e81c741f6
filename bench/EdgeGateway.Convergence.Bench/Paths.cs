namespace EdgeGateway.Convergence.Bench;

/// <summary>A route of the stack's gateway and the upstream service behind it.</summary>
internal sealed record UpstreamPath(string Path, string Service, string Label)
{
    public static readonly IReadOnlyList<UpstreamPath> All =
    [
        new("/dnsrr/", "whoami-dnsrr", "DNSRR (gateway's discovery)"),
        new("/", "whoami", "VIP (agent's mesh balancer)"),
    ];
}

/// <summary>A gateway service of the run, published on its own port.</summary>
internal sealed record GatewayService(string Service, Uri Published, string Label);

/// <summary>One probe: a path through one gateway service.</summary>
internal sealed record ProbeKey(GatewayService Gateway, UpstreamPath Path);
