using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// Balancer plans of many services. Service s (from 0) has frontend 10.224.x.y:80 (the (s+1)-th address) and its
/// tasks at distinct addresses in 10.225.0.0 - 10.228.255.255, port 80. Service 0 can point at a real backend.
/// </summary>
internal static class ScalePlans
{
    /// <summary>A plan of <paramref name="services"/> x <paramref name="tasks"/>; the task at <paramref name="drained"/> (service, task) has weight 0.</summary>
    public static BalancerPlan Build(int services, int tasks, Backend? realBackend = null, (int Service, int Task)? drained = null) =>
        BalancerPlan.From(Enumerable.Range(0, services).Select(s => Entry(s, tasks, s == 0 ? realBackend : null, drained)));

    public static IPAddress FrontendOf(int service) => IPAddress.Parse($"10.224.{(service + 1) / 256}.{(service + 1) % 256}");

    public static string ServiceName(int service) => $"s{service:D5}";

    private static BalancerEntry Entry(int service, int tasks, Backend? realBackend, (int Service, int Task)? drained)
    {
        var backends = realBackend is not null
            ? [realBackend]
            : Enumerable.Range(0, tasks)
                .Select(t => new Backend(TaskAddress((service * tasks) + t), 80, drained == (service, t) ? 0 : 1))
                .ToImmutableArray();
        return new BalancerEntry(ServiceName(service), new Frontend(FrontendOf(service), L4Protocol.Tcp, 80), Scheduler.RoundRobin, backends);
    }

    private static IPAddress TaskAddress(int n) => IPAddress.Parse($"10.{225 + (n / 65536)}.{n / 256 % 256}.{n % 256}");
}
