using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>Small balancer plans for the IPVS tests.</summary>
internal static class Plans
{
    public static Frontend Tcp(string address, int port) => new(IPAddress.Parse(address), L4Protocol.Tcp, port);

    public static Frontend Udp(string address, int port) => new(IPAddress.Parse(address), L4Protocol.Udp, port);

    public static Backend Backend(string address, int port, int weight = 1) => new(IPAddress.Parse(address), port, weight);

    public static BalancerEntry Entry(Frontend frontend, Scheduler scheduler, params Backend[] backends) =>
        new("svc-" + frontend.Port, frontend, scheduler, [.. backends.OrderBy(b => b.Address.ToString(), StringComparer.Ordinal).ThenBy(b => b.Port)]);

    public static BalancerPlan Of(params BalancerEntry[] entries) => BalancerPlan.From(entries);
}
