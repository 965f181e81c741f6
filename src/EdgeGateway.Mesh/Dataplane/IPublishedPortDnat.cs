using System.Collections.Immutable;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Dataplane;

/// <summary>
/// Host-side DNAT of published ports toward the ingress sandbox, in a table of our own. Each apply is one atomic
/// transaction touching only what changed; a failure leaves the previous ruleset whole.
/// </summary>
public interface IPublishedPortDnat
{
    Task<int> ApplyAsync(ImmutableArray<PublishedPortDnat> desired, CancellationToken cancellationToken);

    Task RemoveAllAsync(CancellationToken cancellationToken);
}
