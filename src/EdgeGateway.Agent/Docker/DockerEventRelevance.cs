using Docker.DotNet.Models;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// Which of dockerd's events can change what the agent plans from: every service, node and network event, and a
/// container starting, going away (stop, kill, OOM, exit, removal) or joining or leaving a network. Not exec or
/// health events: health checks cause several every few seconds, and reading the whole state for each kept a
/// manager's agent busy, so a kill arriving meanwhile waited for the read in progress.
/// </summary>
internal static class DockerEventRelevance
{
    public static bool Matters(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Type != "container" || message.Action is "start" or "die" or "stop" or "kill" or "oom" or "destroy" or "connect" or "disconnect";
    }
}
