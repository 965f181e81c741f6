using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Dataplane;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>One virtual service as the dataplane believes the kernel holds it: scheduler and backend weights.</summary>
internal sealed record IpvsMirrorEntry(string Scheduler, ImmutableDictionary<IPEndPoint, int> Weights);

/// <summary>Conversions between plan frontends and IPVS service keys.</summary>
internal static class IpvsMapping
{
    public static IpvsServiceKey KeyOf(Frontend frontend) =>
        new(frontend.Address, frontend.Protocol == L4Protocol.Udp ? IpvsConstants.ProtocolUdp : IpvsConstants.ProtocolTcp, frontend.Port);

    public static Frontend FrontendOf(IpvsServiceKey key) =>
        new(key.Address, key.Protocol == IpvsConstants.ProtocolUdp ? L4Protocol.Udp : L4Protocol.Tcp, key.Port);

    public static IpvsMirrorEntry EntryOf(BalancerEntry entry, string scheduler) =>
        new(scheduler, entry.Backends.ToImmutableDictionary(b => new IPEndPoint(b.Address, b.Port), b => b.Weight));

    public static Dictionary<Frontend, IpvsMirrorEntry> MirrorOf(BalancerStatus status) =>
        status.Frontends.ToDictionary(
            f => f.Frontend,
            f => new IpvsMirrorEntry(f.Scheduler, f.Backends.ToImmutableDictionary(b => new IPEndPoint(b.Backend.Address, b.Backend.Port), b => b.Backend.Weight)));
}
