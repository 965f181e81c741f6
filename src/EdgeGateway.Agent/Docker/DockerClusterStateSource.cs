using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Cluster state from the Docker Engine API (a manager's). A full read happens at start, soon after every service,
/// container, network or node event, soon after any task changed (<see cref="DockerTaskPoll"/>: tasks have no events),
/// and every <see cref="ResyncInterval"/> as a safety net against missed events. A lost
/// connection to dockerd is retried with backoff while the kernel keeps what it holds. Every read also hands the
/// container sandboxes it found to <c>sandboxesRead</c> (the balancer; null where the agent balances nothing). A container of a task going away (killed, stopped, exited) does not
/// wait for that read: its task drains at once in the last state read, or reads as failed once its container died
/// (<see cref="DockerLeavingTasks"/>). What the other nodes' agents report about their own tasks leaving drains those
/// tasks too (<see cref="NodeTaskReports"/>), and, since the other agents follow what this one publishes, everywhere.
/// </summary>
internal sealed class DockerClusterStateSource(
    IDockerClient docker,
    Func<ImmutableArray<LocalSandbox>, CancellationToken, Task>? sandboxesRead,
    Func<Action, NodeTaskReports> nodeReports,
    TimeProvider time,
    ILogger<DockerClusterStateSource> logger) : IClusterStateSource, IDisposable
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);

    /// <summary>Events often come in bursts (a task: create, attach, start): one read after a short quiet time.</summary>
    public static readonly TimeSpan EventSettle = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxRetryDelay = DockerEventStream.MaxRetryDelay;

    private readonly DockerStateReader _reader = new(docker);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly DockerLeavingTasks _leaving = new();
    private int _leavingSignalled;

    public string Description => "docker (engine API, events + resync)";

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = FollowEventsAsync(stop.Token);
        var tasks = new DockerTaskPoll(docker, time).RunAsync(Signal, stop.Token);
        var reports = nodeReports(SignalLeaving);
        try
        {
            var retry = TimeSpan.Zero;
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = await TryReadAsync(cancellationToken).ConfigureAwait(false);
                if (snapshot is null)
                {
                    retry = retry == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
                    if (await WaitForChangeAsync(retry, cancellationToken).ConfigureAwait(false))
                    {
                        await SettleAsync(cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                retry = TimeSpan.Zero;
                _leaving.Prune(snapshot.State);
                reports.Track(snapshot.State);
                yield return Merged(snapshot.State, reports);
                if (sandboxesRead is not null)
                {
                    await sandboxesRead(snapshot.Sandboxes, cancellationToken).ConfigureAwait(false);
                }

                if (await WaitForChangeAsync(ResyncInterval, cancellationToken).ConfigureAwait(false))
                {
                    yield return Merged(snapshot.State, reports);
                    await SettleAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await events.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await tasks.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await reports.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Docker's state with what this node saw leaving and what the other nodes report leaving of their own.</summary>
    private ClusterState Merged(ClusterState state, NodeTaskReports reports) => _leaving.Apply(reports.Apply(state));

    private async Task<DockerSnapshot?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            Log.DockerStateRead(logger, snapshot.State.Services.Length, snapshot.State.Tasks.Length, snapshot.Sandboxes.Length);
            return snapshot;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or DockerStateException or TimeoutException)
        {
            Log.DockerReadFailed(logger, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Waits until an event arrives (then lets a burst settle) or the timeout passes. Returns true at once, without
    /// settling, when a task's container is going away: the caller drains it first and settles afterwards.
    /// </summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _changed.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (Interlocked.Exchange(ref _leavingSignalled, 0) == 1)
        {
            return true;
        }

        await SettleAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(EventSettle, time, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _leavingSignalled, 0);
        _changed.Wait(0, CancellationToken.None);
    }

    public void Dispose() => _changed.Dispose();

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    /// <summary>A task is leaving: publish at once, let the burst settle afterwards.</summary>
    private void SignalLeaving()
    {
        Interlocked.Exchange(ref _leavingSignalled, 1);
        Signal();
    }

    private Task FollowEventsAsync(CancellationToken cancellationToken) =>
        DockerEventStream.FollowAsync(docker, ["service", "container", "network", "node"], new Progress(this), Signal, time, logger, cancellationToken);

    /// <summary>
    /// Every event that matters (<see cref="DockerEventRelevance"/>) asks for a read: the read, not the event, is the
    /// truth. Only a task's container going away is also acted on before that read.
    /// </summary>
    private sealed class Progress(DockerClusterStateSource source) : IProgress<Message>
    {
        public void Report(Message value)
        {
            if (source._leaving.Record(value))
            {
                source.SignalLeaving();
                return;
            }

            if (DockerEventRelevance.Matters(value))
            {
                source.Signal();
            }
        }
    }
}
