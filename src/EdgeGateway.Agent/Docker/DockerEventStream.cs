using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Docker;

/// <summary>Follows dockerd's event stream for some event types; reconnects with backoff when it breaks.</summary>
internal static class DockerEventStream
{
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reports every event of <paramref name="types"/> until cancelled. <paramref name="lost"/> is called when the stream
    /// broke: events may have been missed, so the caller reads the state again.
    /// </summary>
    public static async Task FollowAsync(
        IDockerClient docker, IEnumerable<string> types, IProgress<Message> events, Action lost, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var filter = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["type"] = types.ToDictionary(t => t, _ => true) },
        };
        var retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await docker.System.MonitorEventsAsync(filter, events, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
            {
                Log.DockerEventsLost(logger, e.Message, retry);
                lost();
                await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
