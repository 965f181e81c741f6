using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Agent.Tests.Feed;

public class ClusterStateFeedTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(30);

    [Fact]
    public void Publish_SameStateAgain_KeepsTheVersion()
    {
        var feed = new ClusterStateFeed(new FakeTimeProvider());

        Assert.True(feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1))));
        var first = feed.Current!;
        Assert.False(feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1))));

        Assert.Same(first, feed.Current);
        Assert.Equal(StateFileWriter.ToJson(TestCluster.ClusterWith(TestCluster.WebTask(1))), first.Json);
    }

    [Fact]
    public void Publish_ChangedState_GivesANewVersion()
    {
        var feed = new ClusterStateFeed(new FakeTimeProvider());
        feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        var before = feed.Current!.Version;

        Assert.True(feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Stopping))));

        Assert.NotEqual(before, feed.Current!.Version);
    }

    [Fact]
    public void VersionOf_EqualDocuments_AreEqual()
    {
        var json = StateFileWriter.ToJson(TestCluster.ClusterWith(TestCluster.WebTask(2)));

        Assert.Equal(ClusterStateFeed.VersionOf(json), ClusterStateFeed.VersionOf(string.Concat(json)));
        Assert.Matches("^[0-9a-f]{32}$", ClusterStateFeed.VersionOf(json));
    }

    [Fact]
    public async Task WaitForNewerAsync_AfterAnOlderVersion_AnswersAtOnce()
    {
        var feed = new ClusterStateFeed(new FakeTimeProvider());
        feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        var entry = await feed.WaitForNewerAsync("some-older-version", LongPoll, TestContext.Current.CancellationToken);

        Assert.Same(feed.Current, entry);
    }

    [Fact]
    public async Task WaitForNewerAsync_AfterTheCurrentVersion_WaitsForTheNextState()
    {
        var time = new FakeTimeProvider();
        var feed = new ClusterStateFeed(time);
        feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        var waiting = feed.WaitForNewerAsync(feed.Current!.Version, LongPoll, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(waiting.IsCompleted);
        feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(2)));

        var entry = await waiting;
        Assert.Same(feed.Current, entry);
        Assert.Contains("web.2", entry!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForNewerAsync_NothingNewWithinTheLimit_GivesNull()
    {
        var time = new FakeTimeProvider();
        var feed = new ClusterStateFeed(time);
        feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        var waiting = feed.WaitForNewerAsync(feed.Current!.Version, LongPoll, TestContext.Current.CancellationToken);
        Assert.False(feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1))));
        time.Advance(LongPoll);

        Assert.Null(await waiting);
    }

    [Fact]
    public async Task WaitForNewerAsync_NoStateYet_WaitsForTheFirst()
    {
        var feed = new ClusterStateFeed(new FakeTimeProvider());

        var waiting = feed.WaitForNewerAsync(null, LongPoll, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        feed.Publish(TestCluster.ClusterWith());

        Assert.Same(feed.Current, await waiting);
    }
}
