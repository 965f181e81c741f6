using Docker.DotNet;
using Docker.DotNet.Models;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// A node's swarm role can change under a running agent (`docker node promote`, `docker node demote`), and the agent's
/// state source depends on it: a manager reads Docker's state, a worker follows a manager's agent. A promoted node's
/// agent left with the worker's source would end up following itself once the other managers' agents are gone, and a
/// demoted one would keep asking a dockerd that has no swarm API any more: so the role is read again every few seconds.
/// </summary>
internal sealed class SwarmRoleWatch(Func<CancellationToken, Task<SystemInfoResponse>> readInfo, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Completes with the new role (true: manager) once this node is an active swarm node whose role is no longer
    /// <paramref name="isManager"/>. A dockerd that does not answer, or a node not in a swarm for a moment, is no change.
    /// </summary>
    public async Task<bool> ChangedFromAsync(bool isManager, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
            SystemInfoResponse info;
            try
            {
                info = await readInfo(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
            {
                continue;
            }

            if (info.Swarm is { LocalNodeState: "active" } swarm && swarm.ControlAvailable != isManager)
            {
                return swarm.ControlAvailable;
            }
        }
    }
}
