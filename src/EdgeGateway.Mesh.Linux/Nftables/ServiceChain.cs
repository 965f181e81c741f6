using System.Collections.Immutable;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// One frontend as the kernel holds it: the generated chain, the backend choice, and the backends that take new
/// connections (weight above 0, in plan order). Draining backends are absent: conntrack keeps their flows.
/// </summary>
internal sealed record ServiceChain(string Name, Frontend Frontend, Scheduler Scheduler, ImmutableArray<Backend> Backends)
{
    public static ServiceChain From(BalancerEntry entry)
    {
        var where = $"balancer '{entry.Service}' frontend {entry.Frontend}";
        Render.Ipv4(entry.Frontend.Address, where);
        Render.RequirePort(entry.Frontend.Port, where);
        foreach (var backend in entry.Backends)
        {
            Render.Ipv4(backend.Address, $"{where} backend {backend}");
            Render.RequirePort(backend.Port, $"{where} backend {backend}");
            if (backend.Weight < 0)
            {
                throw new ArgumentException($"{where} backend {backend}: weight must not be negative");
            }
        }

        return new ServiceChain(
            ChainNames.ForService(entry.Service, entry.Frontend),
            entry.Frontend,
            entry.Scheduler,
            [.. entry.Backends.Where(b => b.Weight > 0)]);
    }

    public bool Equals(ServiceChain? other) =>
        other is not null && Name == other.Name && Frontend == other.Frontend
        && Scheduler == other.Scheduler && Backends.SequenceEqual(other.Backends);

    public override int GetHashCode() => HashCode.Combine(Name, Frontend, Scheduler, Backends.Length);
}
