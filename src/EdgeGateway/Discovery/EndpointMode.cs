namespace EdgeGateway.Discovery;

/// <summary>How a cluster reaches a swarm service, as in Docker's <c>endpoint_mode</c>.</summary>
internal enum EndpointMode
{
    /// <summary>The service name resolves to its virtual IP: one destination, the kernel balances.</summary>
    Vip,

    /// <summary><c>tasks.&lt;service&gt;</c> resolves to every task: one destination per task, the gateway balances.</summary>
    Dnsrr,
}
