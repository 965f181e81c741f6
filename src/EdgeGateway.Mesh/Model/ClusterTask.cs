using System.Collections.Immutable;
using System.Net;

namespace EdgeGateway.Mesh.Model;

/// <summary>
/// Lifecycle of a task. Stopping and Shutdown mean "told to stop": the task drains (no new connections, established
/// ones finish). Complete and Failed mean gone.
/// </summary>
public enum TaskState
{
    Pending,
    Starting,
    Running,
    Stopping,
    Shutdown,
    Complete,
    Failed,
}

/// <summary>Result of a task's health check; None when the task has no health check.</summary>
public enum TaskHealth
{
    None,
    Starting,
    Healthy,
    Unhealthy,
}

/// <summary>One task (container) of a service on a node, with its address on each network it is attached to.</summary>
public sealed record ClusterTask(
    string Id,
    string Service,
    string Node,
    ImmutableSortedDictionary<string, IPAddress> Addresses,
    TaskState State,
    TaskHealth Health);
