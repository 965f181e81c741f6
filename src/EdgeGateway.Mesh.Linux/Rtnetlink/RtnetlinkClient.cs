using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>
/// rtnetlink operations in the namespace where the client was opened (open it inside a
/// <see cref="Namespaces.NetNamespace"/> to work in another namespace; the socket stays bound to it).
/// </summary>
internal sealed partial class RtnetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    private RtnetlinkClient(NetlinkSocket socket) => _socket = socket;

    public static RtnetlinkClient Open() => new(NetlinkSocket.Open(NetlinkConstants.NetlinkRoute));

    public void Dispose() => _socket.Dispose();

    private void Send(NetlinkMessageWriter message, string operation) => _socket.Request(message, operation);
}
