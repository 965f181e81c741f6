using System.Net;

namespace EdgeGateway.Discovery;

/// <summary>The outcome of one DNS query for a swarm name.</summary>
internal enum DnsOutcome
{
    /// <summary>The name answered with addresses (possibly none).</summary>
    Found,

    /// <summary>NXDOMAIN: Docker answers this for a service with no tasks; it means "no addresses".</summary>
    NotFound,

    /// <summary>Timeout or server failure: nothing is known, the last answer stays in use.</summary>
    Failed,
}

/// <summary>One DNS answer: addresses, the smallest TTL among them, or why it failed.</summary>
internal sealed record DnsLookup(DnsOutcome Outcome, IReadOnlyList<IPAddress> Addresses, TimeSpan? Ttl, string? Error)
{
    public static DnsLookup NotFound { get; } = new(DnsOutcome.NotFound, [], null, null);

    public static DnsLookup Failure(string error) => new(DnsOutcome.Failed, [], null, error);
}
