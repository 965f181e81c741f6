using System.Buffers.Binary;
using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

internal sealed partial class RtnetlinkClient
{
    public void ReplaceAddress(int index, IPAddress address, int prefixLength) =>
        Send(AddressMessages.Replace(index, address, prefixLength), $"add address {address}/{prefixLength} to link {index}");

    public void DeleteAddress(int index, IPAddress address, int prefixLength) =>
        Send(AddressMessages.Delete(index, address, prefixLength), $"delete address {address}/{prefixLength} from link {index}");

    public List<AddressInfo> DumpAddresses() =>
        _socket.Dump(AddressMessages.DumpAll(), "dump addresses").Select(ParseAddress).OfType<AddressInfo>().ToList();

    private static AddressInfo? ParseAddress(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        var prefixLength = span[1];
        var index = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var attributes = NetlinkAttributes.Parse(message.Payload[8..]);
        return attributes.TryGet(AddressLocal, out var local) || attributes.TryGet(AddressAddress, out local)
            ? new AddressInfo(index, local.Address, prefixLength)
            : null;
    }
}
