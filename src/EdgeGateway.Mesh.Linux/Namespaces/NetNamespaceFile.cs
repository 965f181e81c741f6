using EdgeGateway.Mesh.Linux.Interop;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Namespaces;

/// <summary>An open file descriptor of a named namespace, for netlink requests that take a namespace by fd.</summary>
internal sealed unsafe class NetNamespaceFile : IDisposable
{
    private NetNamespaceFile(int fd) => Fd = fd;

    public int Fd { get; private set; }

    public static NetNamespaceFile Open(string name)
    {
        var path = NetNamespaceName.PathOf(name);
        fixed (byte* p = PathBytes.Of(path))
        {
            return new NetNamespaceFile(Errno.ThrowIfFailed(LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0), $"open network namespace {path}"));
        }
    }

    public void Dispose()
    {
        if (Fd >= 0)
        {
            _ = LibC.close(Fd);
            Fd = -1;
        }
    }
}
