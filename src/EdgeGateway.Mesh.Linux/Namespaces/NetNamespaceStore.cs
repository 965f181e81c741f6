using EdgeGateway.Mesh.Linux.Interop;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Namespaces;

/// <summary>
/// Creates and deletes named network namespaces the way iproute2 does: a fresh namespace made by unshare on a
/// throw-away thread, kept alive by bind-mounting that thread's ns/net file under /var/run/netns.
/// </summary>
public static class NetNamespaceStore
{
    public static bool Exists(string name) => File.Exists(NetNamespaceName.PathOf(name));

    /// <summary>Creates the namespace unless it already exists; returns true when it was created.</summary>
    public static async Task<bool> EnsureAsync(string name)
    {
        if (Exists(name))
        {
            return false;
        }

        await CreateAsync(name).ConfigureAwait(false);
        return true;
    }

    public static Task CreateAsync(string name)
    {
        var path = NetNamespaceName.PathOf(name);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The thread that unshares goes back to its home namespace before it completes the task, and then ends.
        var thread = new Thread(() =>
        {
            try
            {
                Create(path);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = $"netns create {name}" };
        thread.Start();
        return done.Task;
    }

    /// <summary>Unmounts and removes the namespace file; a missing namespace is not an error.</summary>
    public static unsafe void Delete(string name)
    {
        var path = PathBytes.Of(NetNamespaceName.PathOf(name));
        fixed (byte* p = path)
        {
            if (LibC.umount2(p, LibC.MNT_DETACH) != 0 && LibC.errno != LibC.EINVAL && LibC.errno != LibC.ENOENT)
            {
                throw new KernelCallException($"unmount network namespace {name}", LibC.errno);
            }

            if (LibC.unlink(p) != 0 && LibC.errno != LibC.ENOENT)
            {
                throw new KernelCallException($"remove network namespace file {name}", LibC.errno);
            }
        }
    }

    private static unsafe void Create(string path)
    {
        EnsureSharedRunDirectory();
        var target = PathBytes.Of(path);
        fixed (byte* t = target)
        {
            var fd = Errno.ThrowIfFailed(LibC.open(t, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0),
                $"create network namespace file {path}");
            _ = LibC.close(fd);
            var home = ThreadNamespace.OpenOwn();
            try
            {
                Errno.ThrowIfFailed(LibC.unshare(LibC.CLONE_NEWNET), $"unshare network namespace for {path}");
                var source = PathBytes.Of("/proc/thread-self/ns/net");
                var none = PathBytes.Of("none");
                fixed (byte* s = source)
                fixed (byte* n = none)
                {
                    Errno.ThrowIfFailed(LibC.mount(s, t, n, LibC.MS_BIND, null), $"bind-mount network namespace to {path}");
                }
            }
            catch
            {
                _ = LibC.unlink(t);
                throw;
            }
            finally
            {
                ThreadNamespace.Enter(home, "home");
                _ = LibC.close(home);
            }
        }
    }

    // Like iproute2: make the run directory a shared mount point, so namespaces mounted here show up in other mount
    // namespaces (containers, `ip netns exec`) too.
    private static unsafe void EnsureSharedRunDirectory()
    {
        Directory.CreateDirectory(NetNamespaceName.RunDirectory);
        var dir = PathBytes.Of(NetNamespaceName.RunDirectory);
        var empty = PathBytes.Of(string.Empty);
        var none = PathBytes.Of("none");
        fixed (byte* d = dir)
        fixed (byte* e = empty)
        fixed (byte* n = none)
        {
            if (LibC.mount(e, d, n, LibC.MS_SHARED | LibC.MS_REC, null) == 0)
            {
                return;
            }

            if (LibC.errno != LibC.EINVAL)
            {
                throw new KernelCallException($"make {NetNamespaceName.RunDirectory} a shared mount", LibC.errno);
            }

            Errno.ThrowIfFailed(LibC.mount(d, d, n, LibC.MS_BIND | LibC.MS_REC, null), $"bind-mount {NetNamespaceName.RunDirectory} on itself");
            Errno.ThrowIfFailed(LibC.mount(e, d, n, LibC.MS_SHARED | LibC.MS_REC, null), $"make {NetNamespaceName.RunDirectory} a shared mount");
        }
    }
}
