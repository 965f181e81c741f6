using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.GenericNetlink;

/// <summary>Looks up a generic netlink family id by name (the kernel loads the family's module on demand).</summary>
internal static class GenericFamilyResolver
{
    private const int ErrnoNoEntry = 2;

    /// <summary>The family id, or null when this kernel has no such family.</summary>
    public static ushort? TryResolve(NetlinkSocket socket, string name)
    {
        try
        {
            var reply = socket.Request(GenericNetlinkMessages.GetFamily(name), $"look up generic netlink family {name}");
            return reply.Count == 0 ? null : GenericNetlinkMessages.AttributesOf(reply[0]).Get(GenericNetlinkMessages.ControllerFamilyId).U16;
        }
        catch (KernelCallException e) when (e.Errno == ErrnoNoEntry)
        {
            return null;
        }
    }
}
