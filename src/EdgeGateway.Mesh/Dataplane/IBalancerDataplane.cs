using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Dataplane;

/// <summary>
/// A kernel L4 balancer (nftables or IPVS). It holds a mirror of what it last programmed, applies only the
/// difference to a new plan, and applies each change atomically: a failure leaves the previous state whole.
/// </summary>
public interface IBalancerDataplane : IAsyncDisposable
{
    /// <summary>Backend name as used in config and status: "nftables" or "ipvs".</summary>
    string Name { get; }

    /// <summary>Reads what the kernel holds and adopts it as the mirror (agent restart: nothing is flushed).</summary>
    Task<BalancerStatus> AdoptAsync(CancellationToken cancellationToken);

    /// <summary>Makes the kernel hold exactly <paramref name="desired"/>; returns the number of kernel operations emitted.</summary>
    Task<int> ApplyAsync(BalancerPlan desired, CancellationToken cancellationToken);

    /// <summary>What the kernel holds now, with live connection counters where the backend has them.</summary>
    Task<BalancerStatus> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Removes everything this dataplane created.</summary>
    Task RemoveAllAsync(CancellationToken cancellationToken);
}
