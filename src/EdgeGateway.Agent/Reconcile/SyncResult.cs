using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Reconcile;

/// <summary>What one sync did: whether it was full, the difference it applied and the kernel operations it emitted.</summary>
public sealed record SyncResult(bool Full, PlanDiff Diff, int Operations);
