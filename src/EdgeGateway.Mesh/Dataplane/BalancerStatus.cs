using System.Collections.Immutable;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Dataplane;

/// <summary>A backend as the kernel holds it, with active connections where known (null when the backend cannot tell).</summary>
public sealed record BackendStatus(Backend Backend, long? ActiveConnections);

/// <summary>A frontend as the kernel holds it.</summary>
public sealed record FrontendStatus(Frontend Frontend, string Scheduler, ImmutableArray<BackendStatus> Backends);

/// <summary>Everything one dataplane holds, for `edge-agent status`.</summary>
public sealed record BalancerStatus(string Dataplane, ImmutableArray<FrontendStatus> Frontends);
