using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Netlink.NetlinkConstants;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>Encodes RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK requests (`ip link` equivalents).</summary>
internal static class LinkMessages
{
    private const ushort CreateExclusive = FlagCreate | FlagExclusive;

    /// <summary>`ip link add NAME type veth peer name PEER [netns FD]`.</summary>
    public static NetlinkMessageWriter NewVeth(string name, string peerName, int? peerNamespaceFd)
    {
        var m = new NetlinkMessageWriter(NewLink, CreateExclusive).WriteHeader(RtnetlinkHeaders.InterfaceInfo(0));
        m.PutString(LinkName, name);
        var info = m.BeginNested(LinkInfoNest);
        m.PutString(InfoKind, "veth");
        var data = m.BeginNested(InfoData);
        var peer = m.BeginNested(VethPeer);
        m.WriteHeader(RtnetlinkHeaders.InterfaceInfo(0));
        m.PutString(LinkName, peerName);
        if (peerNamespaceFd is { } fd)
        {
            m.PutU32(LinkNetNamespaceFd, (uint)fd);
        }

        m.EndNested(peer).EndNested(data).EndNested(info);
        return m;
    }

    /// <summary>`ip link add NAME type bridge`.</summary>
    public static NetlinkMessageWriter NewBridge(string name)
    {
        var m = new NetlinkMessageWriter(NewLink, CreateExclusive).WriteHeader(RtnetlinkHeaders.InterfaceInfo(0));
        m.PutString(LinkName, name);
        var info = m.BeginNested(LinkInfoNest);
        m.PutString(InfoKind, "bridge");
        return m.EndNested(info);
    }

    /// <summary>`ip link add NAME type vxlan id VNI dstport PORT local ADDR dev UNDERLAY [no]learning`.</summary>
    public static NetlinkMessageWriter NewVxlan(VxlanSpec spec)
    {
        var m = new NetlinkMessageWriter(NewLink, CreateExclusive).WriteHeader(RtnetlinkHeaders.InterfaceInfo(0));
        m.PutString(LinkName, spec.Name);
        var info = m.BeginNested(LinkInfoNest);
        m.PutString(InfoKind, "vxlan");
        var data = m.BeginNested(InfoData);
        m.PutU32(VxlanId, (uint)spec.Vni);
        m.PutU32(VxlanLink, (uint)spec.UnderlayIndex);
        m.PutAddress(VxlanLocal, spec.Local);
        m.PutU8(VxlanLearning, spec.Learning ? (byte)1 : (byte)0);
        m.PutU16BigEndian(VxlanPort, (ushort)spec.Port);
        return m.EndNested(data).EndNested(info);
    }

    /// <summary>`ip link set dev up|down`.</summary>
    public static NetlinkMessageWriter SetUp(int index, bool up) =>
        new NetlinkMessageWriter(NewLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(index, up ? InterfaceUp : 0, InterfaceUp));

    /// <summary>`ip link set dev master M` (0 = nomaster).</summary>
    public static NetlinkMessageWriter SetMaster(int index, int masterIndex) =>
        new NetlinkMessageWriter(NewLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(index)).PutU32(LinkMaster, (uint)masterIndex);

    public static NetlinkMessageWriter SetMtu(int index, int mtu) =>
        new NetlinkMessageWriter(NewLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(index)).PutU32(LinkMtu, (uint)mtu);

    /// <summary>`ip link set dev netns FD`: moves the link into the namespace the file descriptor refers to.</summary>
    public static NetlinkMessageWriter SetNamespace(int index, int namespaceFd) =>
        new NetlinkMessageWriter(NewLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(index)).PutU32(LinkNetNamespaceFd, (uint)namespaceFd);

    public static NetlinkMessageWriter Delete(int index) =>
        new NetlinkMessageWriter(DeleteLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(index));

    public static NetlinkMessageWriter GetByName(string name) =>
        new NetlinkMessageWriter(GetLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(0)).PutString(LinkName, name);

    public static NetlinkMessageWriter DumpAll() =>
        new NetlinkMessageWriter(GetLink, 0).WriteHeader(RtnetlinkHeaders.InterfaceInfo(0));
}
