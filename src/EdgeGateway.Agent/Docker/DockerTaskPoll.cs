using Docker.DotNet;
using Docker.DotNet.Models;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Notices task changes no event reports: the Engine API has no task events, and a task on another node changes
/// (starts, fails, is told to stop) without any event on this manager. Every <see cref="Interval"/> it lists the
/// tasks and compares each one's swarm object version (bumped by every change of the task) with the previous list;
/// only a difference asks the caller for a full read. One list call per second is cheap next to a full read.
/// </summary>
internal sealed class DockerTaskPoll(IDockerClient docker, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Polls until cancelled; <paramref name="changed"/> is called when the tasks differ from the previous poll.</summary>
    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        HashSet<(string, ulong)>? previous = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var versions = Versions(await docker.Tasks.ListAsync(cancellationToken).ConfigureAwait(false));
                if (previous is not null && !previous.SetEquals(versions))
                {
                    changed();
                }

                previous = versions;
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or OperationCanceledException)
            {
                // The full read reports dockerd's failures and retries; the poll only waits for it to come back.
                previous = null;
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Each task's id and object version: any change of any task changes this set.</summary>
    public static HashSet<(string, ulong)> Versions(IEnumerable<TaskResponse> tasks) =>
        [.. tasks.Where(t => t.ID is not null).Select(t => (t.ID!, t.Version?.Index ?? 0))];
}
