using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// Cluster state on a swarm worker, whose dockerd has no manager API: the cluster comes from a manager's agent
/// (<see cref="ManagerStateFollower"/>), while what only this node knows comes from the local dockerd: a task container
/// going away drains its task at once (<see cref="DockerLeavingTasks"/>), the local dockerd gone drains every task of
/// this node (<see cref="DockerOutage"/>), and new container sandboxes get the VIP rules. What it yields is also what
/// this agent publishes: the managers' agents read this node's word about its own tasks from it.
/// </summary>
internal sealed class WorkerClusterStateSource(
    IDockerClient docker,
    ManagerStateFollower managers,
    DockerOutage outage,
    Func<ImmutableArray<LocalSandbox>, CancellationToken, Task>? sandboxesRead,
    TimeProvider time,
    ILogger<WorkerClusterStateSource> logger) : IClusterStateSource
{
    private readonly DockerLeavingTasks _leaving = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private ClusterState? _latest;

    public string Description => "a manager's agent (/v1/cluster-state) + local docker events";

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var feed = FollowManagersAsync(stop.Token);
        var events = DockerEventStream.FollowAsync(docker, ["container", "network"], new Progress(this), Lost, time, logger, stop.Token);
        var dockerd = outage.RunAsync(Wake, stop.Token);
        try
        {
            ClusterState? pruned = null;
            while (true)
            {
                await _wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var state = Volatile.Read(ref _latest);
                if (state is null)
                {
                    continue;
                }

                if (!ReferenceEquals(state, pruned))
                {
                    _leaving.Prune(state);
                    pruned = state;
                }

                yield return _leaving.Apply(outage.Apply(state));
                if (sandboxesRead is not null && await TryReadSandboxesAsync(state, cancellationToken).ConfigureAwait(false) is { } sandboxes)
                {
                    await sandboxesRead(sandboxes, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await feed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await events.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await dockerd.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task FollowManagersAsync(CancellationToken cancellationToken)
    {
        await foreach (var fresh in managers.FollowAsync(cancellationToken).ConfigureAwait(false))
        {
            Log.ManagerStateRead(logger, fresh.Version, fresh.State.Services.Length, fresh.State.Tasks.Length);
            Volatile.Write(ref _latest, fresh.State);
            Wake();
        }
    }

    private async Task<ImmutableArray<LocalSandbox>?> TryReadSandboxesAsync(ClusterState state, CancellationToken cancellationToken)
    {
        try
        {
            return await DockerSandboxReader.ReadAsync(docker, state.Networks.ToDictionary(n => n.Name, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            Log.DockerReadFailed(logger, e.Message);
            return null;
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>The event stream broke: events may be missed (read again), and dockerd may be gone.</summary>
    private void Lost()
    {
        outage.Suspect();
        Wake();
    }

    private sealed class Progress(WorkerClusterStateSource source) : IProgress<Message>
    {
        public void Report(Message value)
        {
            source._leaving.Record(value);
            if (DockerEventRelevance.Matters(value))
            {
                source.Wake();
            }
        }
    }
}
