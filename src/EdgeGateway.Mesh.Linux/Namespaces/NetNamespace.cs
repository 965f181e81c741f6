using System.Collections.Concurrent;
using System.Net.Sockets;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Namespaces;

/// <summary>
/// Runs work inside one named network namespace. setns changes only the calling thread, so the namespace gets one
/// long-lived thread of its own serving a work queue. That thread is inside the namespace only while it runs work:
/// it goes back to its home namespace before it completes a task (see <see cref="ThreadNamespace"/>). Pool threads
/// never change namespace. Sockets created by work in here stay bound to this namespace even when used from other
/// threads.
/// </summary>
public sealed class NetNamespace : IAsyncDisposable
{
    private readonly BlockingCollection<(Action Work, Action Complete)> _work = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The runtime starts its socket engine thread when the process makes its first Socket, and that thread starts
    // pool workers as completions come in: made by work in here, all of them would live in this namespace, and so
    // would every socket and process they make later. Made first at home instead.
    static NetNamespace() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp).Dispose();

    private NetNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Enters an existing namespace /var/run/netns/<paramref name="name"/> on a new dedicated thread.</summary>
    public static Task<NetNamespace> OpenAsync(string name) => OpenAsync(name, NetNamespaceName.PathOf(name));

    /// <summary>Enters the namespace bound at <paramref name="path"/> (e.g. one of Docker's /var/run/docker/netns files).</summary>
    public static Task<NetNamespace> OpenPathAsync(string path) => OpenAsync(path, path);

    private static async Task<NetNamespace> OpenAsync(string name, string path)
    {
        var ns = new NetNamespace(name);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => ns.Serve(path, entered)) { IsBackground = true, Name = $"netns {name}" };
        thread.Start();
        await entered.Task.ConfigureAwait(false);
        return ns;
    }

    public Task RunAsync(Action work, CancellationToken cancellationToken = default) =>
        RunAsync<object?>(() => { work(); return null; }, cancellationToken);

    /// <summary>Runs synchronous work on the namespace's thread; the continuation never runs on that thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        T value = default!;
        Exception? error = null;
        try
        {
            _work.Add(
                (() =>
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    try
                    {
                        value = work();
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                },
                () =>
                {
                    if (cancellationToken.IsCancellationRequested && error is null)
                    {
                        result.TrySetCanceled(cancellationToken);
                    }
                    else if (error is not null)
                    {
                        result.TrySetException(error);
                    }
                    else
                    {
                        result.TrySetResult(value);
                    }
                }),
                CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException($"network namespace '{Name}' runner");
        }

        return result.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _work.CompleteAdding();
        await _stopped.Task.ConfigureAwait(false);
        _work.Dispose();
    }

    private void Serve(string path, TaskCompletionSource entered)
    {
        int home, target;
        try
        {
            home = ThreadNamespace.OpenOwn();
            target = ThreadNamespace.Open(path);
            ThreadNamespace.Enter(target, path);
            ThreadNamespace.Enter(home, "home");
        }
        catch (Exception e)
        {
            _work.CompleteAdding();
            _stopped.TrySetResult();
            entered.TrySetException(e);
            return;
        }

        try
        {
            entered.TrySetResult();
            foreach (var (work, complete) in _work.GetConsumingEnumerable())
            {
                ThreadNamespace.Enter(target, path);
                try
                {
                    work();
                }
                finally
                {
                    ThreadNamespace.Enter(home, "home");
                }

                complete();
            }
        }
        finally
        {
            _ = LibC.close(target);
            _ = LibC.close(home);
            _stopped.TrySetResult();
        }
    }
}
