using System.Net;
using EdgeGateway.Mesh.Linux.GenericNetlink;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Ipvs.IpvsConstants;

namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>Encodes IPVS generic netlink commands as ipvsadm's libipvs does (nested service / destination attributes).</summary>
internal static class IpvsMessages
{
    public static NetlinkMessageWriter NewService(ushort family, IpvsServiceKey key, string scheduler) =>
        ServiceCommand(family, IpvsConstants.NewService, key, scheduler);

    public static NetlinkMessageWriter SetService(ushort family, IpvsServiceKey key, string scheduler) =>
        ServiceCommand(family, IpvsConstants.SetService, key, scheduler);

    public static NetlinkMessageWriter DeleteService(ushort family, IpvsServiceKey key) =>
        ServiceCommand(family, IpvsConstants.DeleteService, key, scheduler: null);

    public static NetlinkMessageWriter DumpServices(ushort family) =>
        GenericNetlinkMessages.Create(family, GetService, GenlVersion);

    public static NetlinkMessageWriter DumpDestinations(ushort family, IpvsServiceKey key) =>
        ServiceCommand(family, GetDestination, key, scheduler: null);

    public static NetlinkMessageWriter NewDestination(ushort family, IpvsServiceKey key, IPAddress address, int port, int weight) =>
        DestinationCommand(family, IpvsConstants.NewDestination, key, address, port, weight);

    public static NetlinkMessageWriter SetDestination(ushort family, IpvsServiceKey key, IPAddress address, int port, int weight) =>
        DestinationCommand(family, IpvsConstants.SetDestination, key, address, port, weight);

    public static NetlinkMessageWriter DeleteDestination(ushort family, IpvsServiceKey key, IPAddress address, int port) =>
        DestinationCommand(family, IpvsConstants.DeleteDestination, key, address, port, weight: null);

    public static NetlinkMessageWriter Flush(ushort family) => GenericNetlinkMessages.Create(family, IpvsConstants.Flush, GenlVersion);

    private static NetlinkMessageWriter ServiceCommand(ushort family, byte command, IpvsServiceKey key, string? scheduler)
    {
        var m = GenericNetlinkMessages.Create(family, command, GenlVersion);
        WriteService(m, key, scheduler);
        return m;
    }

    private static NetlinkMessageWriter DestinationCommand(ushort family, byte command, IpvsServiceKey key, IPAddress address, int port, int? weight)
    {
        var m = GenericNetlinkMessages.Create(family, command, GenlVersion);
        WriteService(m, key, scheduler: null);
        var nest = m.BeginNested(CommandDestination);
        m.PutInetUnion(DestinationAddress, address);
        m.PutU16BigEndian(DestinationPort, (ushort)port);
        if (weight is { } w)
        {
            m.PutU32(DestinationForwarding, ForwardMasquerade);
            m.PutU32(DestinationWeight, (uint)w);
            m.PutU32(DestinationUpperThreshold, 0);
            m.PutU32(DestinationLowerThreshold, 0);
        }

        m.PutU16(DestinationFamily, NetlinkMessageWriter.AddressFamilyOf(address));
        return m.EndNested(nest);
    }

    // A full service entry (NEW/SET) needs scheduler, flags, timeout and netmask; lookups need only the key.
    private static void WriteService(NetlinkMessageWriter m, IpvsServiceKey key, string? scheduler)
    {
        var nest = m.BeginNested(CommandService);
        var addressFamily = NetlinkMessageWriter.AddressFamilyOf(key.Address);
        m.PutU16(ServiceFamily, addressFamily);
        if (key.FirewallMark != 0)
        {
            m.PutU32(ServiceFirewallMark, key.FirewallMark);
        }
        else
        {
            m.PutU16(ServiceProtocol, key.Protocol);
            m.PutInetUnion(ServiceAddress, key.Address);
            m.PutU16BigEndian(ServicePort, (ushort)key.Port);
        }

        if (scheduler is not null)
        {
            m.PutString(ServiceScheduler, scheduler);
            m.PutBytes(ServiceFlags, [0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
            m.PutU32(ServiceTimeout, 0);
            m.PutU32(ServiceNetmask, addressFamily == 2 ? 0xffffffff : 128);
        }

        m.EndNested(nest);
    }
}
