using System.Buffers.Binary;
using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

internal sealed partial class RtnetlinkClient
{
    public void ReplaceArp(int index, IPAddress address, byte[] mac) =>
        Send(NeighbourMessages.ReplaceArp(index, address, mac), $"add neighbour {address} on link {index}");

    /// <summary>Adds a flood entry (all-zeros MAC) toward <paramref name="remote"/>; an existing one is kept as is.</summary>
    public void AppendFloodEntry(int vxlanIndex, IPAddress remote) =>
        Send(NeighbourMessages.AppendFdb(vxlanIndex, NeighbourMessages.FloodMac, remote), $"append fdb flood entry to {remote} on link {vxlanIndex}");

    public void DeleteFloodEntry(int vxlanIndex, IPAddress remote) =>
        Send(NeighbourMessages.DeleteFdb(vxlanIndex, NeighbourMessages.FloodMac, remote), $"delete fdb flood entry to {remote} on link {vxlanIndex}");

    /// <summary>The forwarding entries of one device (the kernel dumps every bridge port; we keep this one's).</summary>
    public List<FdbEntry> DumpFdb(int index) =>
        _socket.Dump(NeighbourMessages.DumpFdb(), $"dump fdb of link {index}")
            .Select(ParseFdb)
            .Where(e => e.Index == index)
            .ToList();

    private static FdbEntry ParseFdb(NetlinkMessage message)
    {
        var index = BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span[4..]);
        var attributes = NetlinkAttributes.Parse(message.Payload[12..]);
        var mac = attributes.TryGet(NeighbourLinkAddress, out var l) ? l.Value.ToArray() : [];
        var destination = attributes.TryGet(NeighbourDestination, out var d) ? d.Address : null;
        return new FdbEntry(index, mac, destination);
    }
}
