using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Cluster state from the Docker Engine API. A full read happens at start, soon after every service, container,
/// network or node event, and every <see cref="ResyncInterval"/> as a safety net against missed events. A lost
/// connection to dockerd is retried with backoff while the kernel keeps what it holds. Every read also refreshes
/// the container sandboxes the balancer serves.
/// </summary>
internal sealed class DockerClusterStateSource(
    IDockerClient docker,
    DockerBalancer balancer,
    TimeProvider time,
    ILogger<DockerClusterStateSource> logger) : IClusterStateSource, IDisposable
{
    public static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(30);

    /// <summary>Events often come in bursts (a task: create, attach, start): one read after a short quiet time.</summary>
    public static readonly TimeSpan EventSettle = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly DockerStateReader _reader = new(docker);
    private readonly SemaphoreSlim _changed = new(0, 1);

    public string Description => "docker (engine API, events + resync)";

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = FollowEventsAsync(stop.Token);
        try
        {
            var retry = TimeSpan.Zero;
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = await TryReadAsync(cancellationToken).ConfigureAwait(false);
                if (snapshot is null)
                {
                    retry = retry == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
                    await WaitForChangeAsync(retry, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                retry = TimeSpan.Zero;
                yield return snapshot.State;
                await balancer.UpdateSandboxesAsync(snapshot.Sandboxes, cancellationToken).ConfigureAwait(false);
                await WaitForChangeAsync(ResyncInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await events.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

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

    /// <summary>Waits until an event arrives (then lets a burst settle) or the timeout passes.</summary>
    private async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _changed.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(EventSettle, time, cancellationToken).ConfigureAwait(false);
            _changed.Wait(0, CancellationToken.None);
        }
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

    /// <summary>Follows dockerd's event stream; reconnects with backoff when it breaks.</summary>
    private async Task FollowEventsAsync(CancellationToken cancellationToken)
    {
        var filter = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["service"] = true, ["container"] = true, ["network"] = true, ["node"] = true },
            },
        };
        var retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await docker.System.MonitorEventsAsync(filter, new Progress(this), cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
            {
                Log.DockerEventsLost(logger, e.Message, retry);
                Signal();
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Every event only asks for a read: the read, not the event, is the truth.</summary>
    private sealed class Progress(DockerClusterStateSource source) : IProgress<Message>
    {
        public void Report(Message value) => source.Signal();
    }
}
