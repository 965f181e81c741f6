using System.Runtime.CompilerServices;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Feed;

/// <summary>Passes on every state of the inner source and publishes it to the feed other agents read.</summary>
internal sealed class PublishingStateSource(IClusterStateSource inner, ClusterStateFeed feed) : IClusterStateSource
{
    public string Description => inner.Description;

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in inner.WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            feed.Publish(state);
            yield return state;
        }
    }
}
