using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Tests.Fakes;

/// <summary>A state source the test feeds by hand.</summary>
internal sealed class ChannelStateSource : IClusterStateSource
{
    private readonly Channel<ClusterState> _states = Channel.CreateUnbounded<ClusterState>();

    public string Description => "test channel";

    public void Push(ClusterState state) => _states.Writer.TryWrite(state);

    /// <summary>Ends the stream once the states pushed so far are read, as a source that stopped following would.</summary>
    public void End() => _states.Writer.TryComplete();

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in _states.Reader.ReadAllAsync(cancellationToken))
        {
            yield return state;
        }
    }
}
