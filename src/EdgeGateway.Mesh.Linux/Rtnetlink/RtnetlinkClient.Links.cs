using System.Buffers.Binary;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Netlink;
using static EdgeGateway.Mesh.Linux.Rtnetlink.RtnetlinkConstants;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

internal sealed partial class RtnetlinkClient
{
    public LinkInfo? FindLink(string name)
    {
        try
        {
            return _socket.Request(LinkMessages.GetByName(name), $"get link {name}").Select(ParseLink).FirstOrDefault();
        }
        catch (KernelCallException e) when (e.Errno == ErrnoNoDevice)
        {
            return null;
        }
    }

    public LinkInfo GetLink(string name) =>
        FindLink(name) ?? throw new KernelCallException($"get link {name}", ErrnoNoDevice);

    public List<LinkInfo> DumpLinks() => _socket.Dump(LinkMessages.DumpAll(), "dump links").Select(ParseLink).ToList();

    /// <summary>Creates a veth pair; the peer end goes straight into <paramref name="peerNamespace"/> when given.</summary>
    public void CreateVeth(string name, string peerName, string? peerNamespace)
    {
        using var ns = peerNamespace is null ? null : NetNamespaceFile.Open(peerNamespace);
        Send(LinkMessages.NewVeth(name, peerName, ns?.Fd), $"create veth {name} (peer {peerName}{(peerNamespace is null ? string.Empty : " in " + peerNamespace)})");
    }

    public void CreateBridge(string name) => Send(LinkMessages.NewBridge(name), $"create bridge {name}");

    public void CreateVxlan(VxlanSpec spec) =>
        Send(LinkMessages.NewVxlan(spec), $"create vxlan {spec.Name} (id {spec.Vni}, port {spec.Port}, local {spec.Local})");

    public void SetUp(int index, bool up = true) => Send(LinkMessages.SetUp(index, up), $"set link {index} {(up ? "up" : "down")}");

    public void SetMaster(int index, int masterIndex) => Send(LinkMessages.SetMaster(index, masterIndex), $"set link {index} master {masterIndex}");

    public void SetMtu(int index, int mtu) => Send(LinkMessages.SetMtu(index, mtu), $"set link {index} mtu {mtu}");

    public void MoveToNamespace(int index, string namespaceName)
    {
        using var ns = NetNamespaceFile.Open(namespaceName);
        Send(LinkMessages.SetNamespace(index, ns.Fd), $"move link {index} to namespace {namespaceName}");
    }

    public void DeleteLink(int index) => Send(LinkMessages.Delete(index), $"delete link {index}");

    internal static LinkInfo ParseLink(NetlinkMessage message)
    {
        var span = message.Payload.Span;
        var index = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        var attributes = NetlinkAttributes.Parse(message.Payload[16..]);
        var name = attributes.TryGet(LinkName, out var n) ? n.String : string.Empty;
        var mtu = attributes.TryGet(LinkMtu, out var m) ? (int)m.U32 : 0;
        var master = attributes.TryGet(LinkMaster, out var ms) ? (int)ms.U32 : 0;
        string? kind = null;
        int? vni = null;
        if (attributes.TryGet(LinkInfoNest, out var info))
        {
            var nested = info.Nested;
            kind = nested.TryGet(InfoKind, out var k) ? k.String : null;
            if (kind == "vxlan" && nested.TryGet(InfoData, out var data) && data.Nested.TryGet(VxlanId, out var id))
            {
                vni = (int)id.U32;
            }
        }

        return new LinkInfo(index, name, kind, flags, mtu, master, vni);
    }
}
