using EdgeGateway.Mesh.Linux.Interop;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Namespaces;

/// <summary>
/// The calling thread's network namespace: opened to come back to, and entered. A thread must be back in its home
/// namespace before it completes a task: completing one may make the thread pool start a worker thread, and a new
/// thread inherits the namespace of the thread that starts it (a pool thread born in a sandbox would open every later
/// socket, and start every later process, in there).
/// </summary>
internal static class ThreadNamespace
{
    private const string Own = "/proc/thread-self/ns/net";

    /// <summary>A descriptor of the calling thread's namespace, to <see cref="Enter"/> again later.</summary>
    public static int OpenOwn() => Open(Own);

    public static unsafe int Open(string path)
    {
        var bytes = PathBytes.Of(path);
        fixed (byte* p = bytes)
        {
            return Errno.ThrowIfFailed(LibC.open(p, LibC.O_RDONLY | LibC.O_CLOEXEC, 0), $"open network namespace {path}");
        }
    }

    /// <summary>Moves the calling thread into the namespace of <paramref name="fd"/>.</summary>
    public static void Enter(int fd, string what) =>
        Errno.ThrowIfFailed(LibC.setns(fd, LibC.CLONE_NEWNET), $"setns into network namespace {what}");
}
