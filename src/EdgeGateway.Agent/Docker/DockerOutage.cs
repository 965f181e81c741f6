using System.Collections.Immutable;
using System.Threading.Channels;
using Docker.DotNet;
using ContainersListParameters = Docker.DotNet.Models.ContainersListParameters;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// This node's dockerd going away. A dockerd that closes its API is shutting down and, without live-restore, stops
/// every container of the node, while swarm's managers notice only when they mark the node down. So once something
/// hints at it (<see cref="Suspect"/>: the event stream broke, or this agent got SIGTERM, which a stopping dockerd sends
/// right after closing its API) and a ping gets no answer, every running task of this node is published as
/// Stopping (drained everywhere through the feed) until dockerd answers again. Then the mark is lifted, and for the
/// tasks whose containers still run here this node also stops repeating the managers' Stopping for them, which the
/// managers took from this node's own report (else the mark would come back to it forever); a task really told to
/// stop gets a container event of its own (<see cref="DockerLeavingTasks"/>).
/// </summary>
internal sealed class DockerOutage(IDockerClient docker, string node, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _suspect = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private bool _gone;
    private ImmutableHashSet<string> _revived = [];

    /// <summary>dockerd may be gone: check.</summary>
    public void Suspect() => _suspect.Writer.TryWrite(true);

    /// <summary>Checks dockerd on every suspicion, and while it is gone until it answers; <paramref name="changed"/> on each change.</summary>
    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _suspect.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (await RunningTasksOrNullAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            lock (_gate)
            {
                _gone = true;
            }

            Log.DockerGone(logger);
            changed();
            ImmutableHashSet<string>? running;
            do
            {
                await Task.Delay(RecheckInterval, time, cancellationToken).ConfigureAwait(false);
                running = await RunningTasksOrNullAsync(cancellationToken).ConfigureAwait(false);
            }
            while (running is null);

            lock (_gate)
            {
                _gone = false;
                _revived = running;
            }

            Log.DockerBack(logger, running.Count);
            changed();
        }
    }

    /// <summary>The state as this node publishes it: its running tasks leaving while dockerd is gone.</summary>
    public ClusterState Apply(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ImmutableHashSet<string> revived;
        lock (_gate)
        {
            if (_gone)
            {
                return StoppingMarks.Apply(state, t => t.Node == node);
            }

            // Kept while the managers still repeat this node's old mark.
            _revived = revived = _revived.Where(id => state.Tasks.Any(t => t.Id == id && t.State == TaskState.Stopping)).ToImmutableHashSet(StringComparer.Ordinal);
        }

        return revived.IsEmpty
            ? state
            : state with { Tasks = [.. state.Tasks.Select(t => t.Node == node && revived.Contains(t.Id) && t.State == TaskState.Stopping ? t with { State = TaskState.Running } : t)] };
    }

    /// <summary>The tasks whose containers run here; null when dockerd does not answer.</summary>
    private async Task<ImmutableHashSet<string>?> RunningTasksOrNullAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await docker.System.PingAsync(timeout.Token).ConfigureAwait(false);
            var containers = await docker.Containers.ListContainersAsync(
                new ContainersListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [DockerLeavingTasks.TaskIdLabel] = true } } },
                timeout.Token).ConfigureAwait(false);
            return [.. containers.Select(c => c.Labels.TryGetValue(DockerLeavingTasks.TaskIdLabel, out var id) ? id : null).OfType<string>()];
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
