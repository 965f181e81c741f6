using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Netlink;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>
/// ctnetlink (NETLINK_NETFILTER) in the namespace where the client was opened: reads the connection-tracking table
/// and deletes single entries from it.
/// </summary>
internal sealed class ConntrackClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    private ConntrackClient(NetlinkSocket socket) => _socket = socket;

    public static ConntrackClient Open() => new(NetlinkSocket.Open(ConntrackConstants.NetlinkNetfilter));

    public List<ConntrackEntry> DumpIpv4() =>
        [.. _socket.Dump(ConntrackMessages.DumpIpv4(), "dump conntrack entries").Select(ConntrackMessages.ParseEntry).OfType<ConntrackEntry>()];

    /// <summary>Deletes one entry; false when it was already gone (it expired, or the kernel replaced it).</summary>
    public bool Delete(ConntrackEntry entry)
    {
        try
        {
            _socket.Request(ConntrackMessages.Delete(entry), $"delete conntrack entry answered by {entry.ReplySource}");
            return true;
        }
        catch (KernelCallException e) when (e.Errno == LibC.ENOENT)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
