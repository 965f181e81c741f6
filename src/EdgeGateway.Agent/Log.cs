using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent;

/// <summary>The agent's log messages; event ids live here.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "State file {Path} loaded: {Nodes} nodes, {Services} services, {Tasks} tasks")]
    public static partial void StateFileLoaded(ILogger logger, string path, int nodes, int services, int tasks);

    [LoggerMessage(2, LogLevel.Error, "Cluster state rejected, keeping the last good state: {Error}")]
    public static partial void StateFileRejected(ILogger logger, string error);

    [LoggerMessage(3, LogLevel.Information, "Synced: {Changes} changes, {Operations} kernel operations\n{Diff}")]
    public static partial void Synced(ILogger logger, int changes, int operations, string diff);

    [LoggerMessage(8, LogLevel.Information, "Synced in full (adopting what the kernel held): {Operations} kernel operations for {Frontends} frontends and {Dnat} published ports")]
    public static partial void SyncedFull(ILogger logger, int operations, int frontends, int dnat);

    [LoggerMessage(4, LogLevel.Error, "Sync failed in {Component}; the next sync will be full")]
    public static partial void SyncFailed(ILogger logger, string component, Exception error);

    [LoggerMessage(5, LogLevel.Error, "No plan for this node: {Error}")]
    public static partial void PlanFailed(ILogger logger, string error);

    [LoggerMessage(6, LogLevel.Information, "Retrying the sync in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, TimeSpan delay);

    [LoggerMessage(7, LogLevel.Information, "Agent for node {Node} started: state from {Source}, dataplane {Dataplane}, admin {AdminUrl}")]
    public static partial void Started(ILogger logger, string node, string source, string dataplane, Uri adminUrl);

    [LoggerMessage(20, LogLevel.Debug, "Docker state read: {Services} services, {Tasks} tasks, {Sandboxes} local container sandboxes")]
    public static partial void DockerStateRead(ILogger logger, int services, int tasks, int sandboxes);

    [LoggerMessage(21, LogLevel.Warning, "Cannot read Docker's state, keeping the kernel as it is and retrying: {Error}")]
    public static partial void DockerReadFailed(ILogger logger, string error);

    [LoggerMessage(22, LogLevel.Warning, "Docker event stream lost ({Error}); reconnecting in {Delay}")]
    public static partial void DockerEventsLost(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(23, LogLevel.Debug, "Container sandbox {Path} is gone; skipped")]
    public static partial void SandboxGone(ILogger logger, string path);

    [LoggerMessage(25, LogLevel.Information, "Dead backends {Addresses}: {Deleted} conntrack entries they answered deleted")]
    public static partial void DeadConnectionsForgotten(ILogger logger, string addresses, int deleted);

    [LoggerMessage(26, LogLevel.Warning, "Dead backends {Addresses}: cannot delete the conntrack entries they answered: {Error}")]
    public static partial void DeadConnectionsNotForgotten(ILogger logger, string addresses, string error);

    [LoggerMessage(24, LogLevel.Warning, "Docker's own routing mesh balances this node (its kernel has IPVS, or dataplane none is set): the agent programs nothing, it follows and publishes the cluster state")]
    public static partial void DockerMeshWorks(ILogger logger);

    [LoggerMessage(30, LogLevel.Information, "Following the cluster state of the manager's agent at {Manager}")]
    public static partial void ManagerFollowed(ILogger logger, Uri manager);

    [LoggerMessage(31, LogLevel.Warning, "Cannot read the cluster state from {Manager}: {Error}; trying the next manager")]
    public static partial void ManagerReadFailed(ILogger logger, Uri? manager, string error);

    [LoggerMessage(32, LogLevel.Warning, "No manager's agent answered ({Managers}); keeping the kernel as it is, looking again in {Delay}")]
    public static partial void ManagersUnreachable(ILogger logger, string managers, TimeSpan delay);

    [LoggerMessage(33, LogLevel.Information, "Cluster state {Version} from the manager's agent: {Services} services, {Tasks} tasks")]
    public static partial void ManagerStateRead(ILogger logger, string version, int services, int tasks);

    [LoggerMessage(34, LogLevel.Warning, "Cannot read the agent of node {Node} at {Agent}: {Error}; its last report about its own tasks stands, reading again with backoff")]
    public static partial void NodeAgentUnreadable(ILogger logger, string node, Uri agent, string error);

    [LoggerMessage(35, LogLevel.Information, "Following what the agent of node {Node} at {Agent} says about its own tasks")]
    public static partial void NodeAgentFollowed(ILogger logger, string node, Uri agent);

    [LoggerMessage(36, LogLevel.Information, "The agent of node {Node} reports {Count} of its tasks leaving")]
    public static partial void NodeReportedLeaving(ILogger logger, string node, int count);

    [LoggerMessage(37, LogLevel.Warning, "This node's dockerd does not answer: every task of this node is published as leaving until it answers again")]
    public static partial void DockerGone(ILogger logger);

    [LoggerMessage(38, LogLevel.Information, "This node's dockerd answers again: {Running} task containers run here, the node-wide leaving mark is lifted")]
    public static partial void DockerBack(ILogger logger, int running);

    [LoggerMessage(39, LogLevel.Information, "This run of the agent ends in {Drain} (stopped, or its node changed role): until then following and serving the state, so other agents read which of this node's tasks are leaving")]
    public static partial void StopDrained(ILogger logger, TimeSpan drain);

    [LoggerMessage(40, LogLevel.Warning, "This node is now a swarm {Role}: the agent runs again in that role, leaving the kernel as it is")]
    public static partial void SwarmRoleChanged(ILogger logger, string role);
}
