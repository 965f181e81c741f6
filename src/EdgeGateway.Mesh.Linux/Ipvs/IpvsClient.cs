using System.Net;
using EdgeGateway.Mesh.Linux.GenericNetlink;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Ipvs.IpvsConstants;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>
/// IPVS over generic netlink, in the network namespace where it was opened (IPVS tables are per namespace).
/// </summary>
internal sealed class IpvsClient : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly ushort _family;

    private IpvsClient(NetlinkSocket socket, ushort family)
    {
        _socket = socket;
        _family = family;
    }

    /// <summary>Opens a client, or throws when the kernel has no IPVS family.</summary>
    public static IpvsClient Open()
    {
        var socket = NetlinkSocket.Open(NetlinkConstants.NetlinkGeneric);
        try
        {
            var family = GenericFamilyResolver.TryResolve(socket, FamilyName)
                ?? throw new KernelCallException("look up generic netlink family IPVS", 2, "this kernel has no IPVS (module ip_vs missing)");
            return new IpvsClient(socket, family);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void AddService(IpvsServiceKey key, string scheduler) =>
        _socket.Request(IpvsMessages.NewService(_family, key, scheduler), $"add IPVS service {key} (scheduler {scheduler})");

    public void UpdateService(IpvsServiceKey key, string scheduler) =>
        _socket.Request(IpvsMessages.SetService(_family, key, scheduler), $"update IPVS service {key} (scheduler {scheduler})");

    public void DeleteService(IpvsServiceKey key) =>
        _socket.Request(IpvsMessages.DeleteService(_family, key), $"delete IPVS service {key}");

    public void AddDestination(IpvsServiceKey key, IPAddress address, int port, int weight) =>
        _socket.Request(IpvsMessages.NewDestination(_family, key, address, port, weight), $"add IPVS destination {address}:{port} weight {weight} to {key}");

    public void UpdateDestination(IpvsServiceKey key, IPAddress address, int port, int weight) =>
        _socket.Request(IpvsMessages.SetDestination(_family, key, address, port, weight), $"set IPVS destination {address}:{port} weight {weight} of {key}");

    public void DeleteDestination(IpvsServiceKey key, IPAddress address, int port) =>
        _socket.Request(IpvsMessages.DeleteDestination(_family, key, address, port), $"delete IPVS destination {address}:{port} from {key}");

    public void Flush() => _socket.Request(IpvsMessages.Flush(_family), "flush IPVS services");

    public List<IpvsService> DumpServices() =>
        _socket.Dump(IpvsMessages.DumpServices(_family), "dump IPVS services").Select(ParseService).ToList();

    public List<IpvsDestination> DumpDestinations(IpvsServiceKey key) =>
        _socket.Dump(IpvsMessages.DumpDestinations(_family, key), $"dump IPVS destinations of {key}").Select(ParseDestination).ToList();

    public void Dispose() => _socket.Dispose();

    internal static IpvsService ParseService(NetlinkMessage message)
    {
        var service = GenericNetlinkMessages.AttributesOf(message).Get(CommandService).Nested;
        var family = service.Get(ServiceFamily).U16;
        var mark = service.TryGet(ServiceFirewallMark, out var f) ? f.U32 : 0;
        var key = mark != 0
            ? IpvsServiceKey.ForMark(mark, family == 10)
            : new IpvsServiceKey(service.Get(ServiceAddress).InetUnion(family), service.Get(ServiceProtocol).U16, service.Get(ServicePort).U16BigEndian);
        var connections = service.TryGet(ServiceStats, out var stats) && stats.Nested.TryGet(StatsConnections, out var c) ? c.U32 : 0;
        return new IpvsService(key, service.Get(ServiceScheduler).String, connections);
    }

    internal static IpvsDestination ParseDestination(NetlinkMessage message)
    {
        var dest = GenericNetlinkMessages.AttributesOf(message).Get(CommandDestination).Nested;
        var family = dest.TryGet(DestinationFamily, out var af) ? af.U16 : (ushort)2;
        return new IpvsDestination(
            dest.Get(DestinationAddress).InetUnion(family),
            dest.Get(DestinationPort).U16BigEndian,
            (int)dest.Get(DestinationWeight).U32,
            dest.TryGet(DestinationActiveConnections, out var a) ? a.U32 : 0,
            dest.TryGet(DestinationInactiveConnections, out var i) ? i.U32 : 0);
    }
}
