using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.State;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// The agent where it programs no kernel (dataplane none: Docker's own mesh balances, the kernel has IPVS): it follows
/// the cluster state only so that the source, wrapped in <see cref="PublishingStateSource"/>, publishes it. The gateway
/// reads it over the feed socket and the other nodes' agents over the admin port, so Docker's events reach them there too.
/// </summary>
internal sealed class StateObserver(IClusterStateSource source, ClusterStateFeed feed) : IAgentLoop
{
    public string? NotReadyBecause => feed.Current is null ? "no cluster state yet" : null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in source.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            // published on the way through
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException($"state source {source.Description} ended");
    }
}
