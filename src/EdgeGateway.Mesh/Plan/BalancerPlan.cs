using System.Collections.Immutable;
using System.Net;

namespace EdgeGateway.Mesh.Plan;

/// <summary>Where a balancer accepts connections: an address (published-port target or service VIP), protocol and port.</summary>
public sealed record Frontend(IPAddress Address, L4Protocol Protocol, int Port)
{
    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()} {Address}:{Port}";
}

/// <summary>One task behind a frontend. Weight 0 means draining: no new connections, established ones keep working.</summary>
public sealed record Backend(IPAddress Address, int Port, int Weight)
{
    public override string ToString() => $"{Address}:{Port} w={Weight}";
}

/// <summary>Backend choice for a frontend; dataplanes map these onto what the kernel offers.</summary>
public enum Scheduler
{
    /// <summary>Round robin (IPVS rr/wrr, nftables numgen).</summary>
    RoundRobin,

    /// <summary>Consistent hash of the client (IPVS mh, nftables jhash).</summary>
    ConsistentHash,
}

/// <summary>One L4 balancer entry: a service's frontend and its backends, ordered by address then port.</summary>
public sealed record BalancerEntry(string Service, Frontend Frontend, Scheduler Scheduler, ImmutableArray<Backend> Backends)
{
    public bool Equals(BalancerEntry? other) =>
        other is not null
        && Service == other.Service
        && Frontend == other.Frontend
        && Scheduler == other.Scheduler
        && Backends.SequenceEqual(other.Backends);

    public override int GetHashCode() => HashCode.Combine(Service, Frontend, Scheduler, Backends.Length);
}

/// <summary>The whole set of balancer entries a dataplane must hold, keyed by frontend.</summary>
public sealed record BalancerPlan(ImmutableSortedDictionary<string, BalancerEntry> Entries)
{
    public static BalancerPlan Empty { get; } = new(ImmutableSortedDictionary<string, BalancerEntry>.Empty);

    public static BalancerPlan From(IEnumerable<BalancerEntry> entries) =>
        new(entries.ToImmutableSortedDictionary(e => e.Frontend.ToString(), e => e, StringComparer.Ordinal));

    public bool Equals(BalancerPlan? other) =>
        other is not null && Entries.Count == other.Entries.Count
        && Entries.All(kv => other.Entries.TryGetValue(kv.Key, out var o) && kv.Value.Equals(o));

    public override int GetHashCode() => Entries.Count;
}
