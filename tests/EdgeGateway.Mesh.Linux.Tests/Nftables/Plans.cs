using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

/// <summary>Balancer plans shared by the nftables tests.</summary>
internal static class Plans
{
    public static BalancerEntry Web(params Backend[] backends) =>
        new("web", new Frontend(IPAddress.Parse("10.0.0.2"), L4Protocol.Tcp, 80), Scheduler.RoundRobin, [.. backends]);

    public static BalancerEntry Dns(params Backend[] backends) =>
        new("dns", new Frontend(IPAddress.Parse("10.0.0.2"), L4Protocol.Udp, 53), Scheduler.ConsistentHash, [.. backends]);

    public static BalancerEntry Idle() =>
        new("idle", new Frontend(IPAddress.Parse("10.0.0.3"), L4Protocol.Tcp, 81), Scheduler.RoundRobin, ImmutableArray<Backend>.Empty);

    public static Backend B(string address, int port, int weight = 1) => new(IPAddress.Parse(address), port, weight);

    /// <summary>web (weights 1, 2 and a draining 0), dns (consistent hash) and idle (no backend).</summary>
    public static BalancerPlan Three() => BalancerPlan.From(
    [
        Web(B("10.0.1.2", 8080), B("10.0.1.3", 8080, 2), B("10.0.1.4", 8080, 0)),
        Dns(B("10.0.1.2", 53), B("10.0.1.3", 53)),
        Idle(),
    ]);
}
