using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Netlink.NetlinkConstants;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>Encodes RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH: ARP entries and bridge/VXLAN forwarding entries.</summary>
internal static class NeighbourMessages
{
    /// <summary>The all-zeros MAC: a VXLAN FDB entry with it floods unknown and broadcast traffic to its remote.</summary>
    public static readonly byte[] FloodMac = new byte[6];

    /// <summary>`ip neigh replace ADDR lladdr MAC dev INDEX nud permanent`.</summary>
    public static NetlinkMessageWriter ReplaceArp(int index, IPAddress address, ReadOnlySpan<byte> mac) =>
        new NetlinkMessageWriter(NewNeighbour, FlagCreate | FlagReplace)
            .WriteHeader(RtnetlinkHeaders.Neighbour((byte)NetlinkMessageWriter.AddressFamilyOf(address), index, NeighbourStatePermanent, 0))
            .PutAddress(NeighbourDestination, address)
            .PutBytes(NeighbourLinkAddress, mac);

    /// <summary>`bridge fdb append MAC dev INDEX dst REMOTE self permanent`: adding an existing remote is a no-op.</summary>
    public static NetlinkMessageWriter AppendFdb(int index, ReadOnlySpan<byte> mac, IPAddress remote) =>
        Fdb(NewNeighbour, FlagCreate | FlagAppend, index, mac, remote);

    /// <summary>`bridge fdb del MAC dev INDEX dst REMOTE self`: removes that one remote.</summary>
    public static NetlinkMessageWriter DeleteFdb(int index, ReadOnlySpan<byte> mac, IPAddress remote) =>
        Fdb(DeleteNeighbour, 0, index, mac, remote);

    public static NetlinkMessageWriter DumpFdb() =>
        new NetlinkMessageWriter(GetNeighbour, 0).WriteHeader(RtnetlinkHeaders.Neighbour(FamilyBridge, 0, 0, 0));

    private static NetlinkMessageWriter Fdb(ushort type, ushort flags, int index, ReadOnlySpan<byte> mac, IPAddress remote) =>
        new NetlinkMessageWriter(type, flags)
            .WriteHeader(RtnetlinkHeaders.Neighbour(FamilyBridge, index, NeighbourStatePermanent, NeighbourFlagSelf))
            .PutBytes(NeighbourLinkAddress, mac)
            .PutAddress(NeighbourDestination, remote);
}
