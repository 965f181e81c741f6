using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Agent.Tests.Feed;

public sealed class StateObserverTests : IDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly ChannelStateSource _source = new();
    private readonly ClusterStateFeed _feed = new(new FakeTimeProvider());

    [Fact]
    public async Task RunAsync_EachState_IsPublishedAndTheObserverReadyFromTheFirst()
    {
        var observer = new StateObserver(new PublishingStateSource(_source, _feed), _feed);
        var run = observer.RunAsync(_stop.Token);
        Assert.Equal("no cluster state yet", observer.NotReadyBecause);

        _source.Push(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        var first = await _feed.WaitForNewerAsync(null, TimeSpan.FromSeconds(10), _stop.Token);
        _source.Push(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2)));
        var second = await _feed.WaitForNewerAsync(first!.Version, TimeSpan.FromSeconds(10), _stop.Token);

        Assert.Contains("\"web.1\"", first.Json, StringComparison.Ordinal);
        Assert.Contains("\"web.2\"", second!.Json, StringComparison.Ordinal);
        Assert.Null(observer.NotReadyBecause);
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task RunAsync_SourceEnds_ThrowsNamingTheSource()
    {
        var observer = new StateObserver(new PublishingStateSource(_source, _feed), _feed);
        _source.Push(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        _source.End();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => observer.RunAsync(_stop.Token));

        Assert.Equal("state source test channel ended", error.Message);
        Assert.NotNull(_feed.Current);
    }

    public void Dispose() => _stop.Dispose();
}
