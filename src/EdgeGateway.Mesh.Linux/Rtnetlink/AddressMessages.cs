using System.Net;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Netlink.NetlinkConstants;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>Encodes RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR (`ip addr` equivalents).</summary>
internal static class AddressMessages
{
    /// <summary>`ip addr replace ADDR/LEN dev INDEX`: idempotent.</summary>
    public static NetlinkMessageWriter Replace(int index, IPAddress address, int prefixLength) =>
        Build(NewAddress, FlagCreate | FlagReplace, index, address, prefixLength);

    public static NetlinkMessageWriter Delete(int index, IPAddress address, int prefixLength) =>
        Build(DeleteAddress, 0, index, address, prefixLength);

    public static NetlinkMessageWriter DumpAll() =>
        new NetlinkMessageWriter(GetAddress, 0).WriteHeader(RtnetlinkHeaders.InterfaceAddress(FamilyUnspecified, 0, 0));

    private static NetlinkMessageWriter Build(ushort type, ushort flags, int index, IPAddress address, int prefixLength) =>
        new NetlinkMessageWriter(type, flags)
            .WriteHeader(RtnetlinkHeaders.InterfaceAddress((byte)NetlinkMessageWriter.AddressFamilyOf(address), prefixLength, index))
            .PutAddress(AddressLocal, address)
            .PutAddress(AddressAddress, address);
}
