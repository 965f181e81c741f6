using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>A follower reading real feed servers over HTTP on loopback, through changes, restarts and failover.</summary>
public sealed class ManagerStateFollowerTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = ClusterStateClient.CreateHttpClient();
    private readonly CancellationTokenSource _stop = new(Deadline);

    [Fact]
    public async Task FollowAsync_StateChanges_YieldsEachNewVersion()
    {
        await using var server = await FeedServer.StartAsync();
        server.Feed.Publish(State(1));
        await using var states = Follow(server.Url).GetAsyncEnumerator(_stop.Token);

        Assert.Equal(["web.1"], await NextTaskIdsAsync(states));
        server.Feed.Publish(State(1, 2));
        Assert.Equal(["web.1", "web.2"], await NextTaskIdsAsync(states));
        server.Feed.Publish(State(2));
        Assert.Equal(["web.2"], await NextTaskIdsAsync(states));
    }

    [Fact]
    public async Task FollowAsync_ServerRestarts_ReadsItAgainAndSkipsAnUnchangedState()
    {
        var server = await FeedServer.StartAsync();
        var port = server.Port;
        server.Feed.Publish(State(1));
        await using var states = Follow(server.Url).GetAsyncEnumerator(_stop.Token);
        Assert.Equal(["web.1"], await NextTaskIdsAsync(states));

        await server.DisposeAsync();
        var next = NextTaskIdsAsync(states);
        await using var restarted = await FeedServer.StartAsync(port);
        restarted.Feed.Publish(State(1));
        await WaitUntilServedAsync(restarted);
        restarted.Feed.Publish(State(1, 3));

        // The same state after the restart has the same version: the follower has it, and yields only the change.
        Assert.Equal(["web.1", "web.3"], await next);
    }

    [Fact]
    public async Task FollowAsync_ManagerDown_FailsOverToTheNext()
    {
        var first = await FeedServer.StartAsync();
        first.Feed.Publish(State(1));
        await using var second = await FeedServer.StartAsync();
        second.Feed.Publish(State(1, 2));
        await using var states = Follow(ClosedPortUrl(), first.Url, second.Url).GetAsyncEnumerator(_stop.Token);

        Assert.Equal(["web.1"], await NextTaskIdsAsync(states));
        await first.DisposeAsync();

        Assert.Equal(["web.1", "web.2"], await NextTaskIdsAsync(states));
    }

    [Fact]
    public async Task FollowAsync_FollowedManagerNoLongerListed_MovesToAListedOneAtTheNextLookUp()
    {
        await using var demoted = await FeedServer.StartAsync();
        demoted.Feed.Publish(State(1));
        await using var manager = await FeedServer.StartAsync();
        manager.Feed.Publish(State(1, 2));
        var time = new FakeTimeProvider();
        var listed = ImmutableArray.Create(demoted.Url);
        var follower = new ManagerStateFollower(new ClusterStateClient(_http), _ => Task.FromResult(listed), time, NullLogger<ManagerStateFollower>.Instance);
        await using var states = follower.FollowAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
        Assert.Equal(["web.1"], await NextTaskIdsAsync(states));

        listed = [manager.Url];
        time.Advance(ManagerStateFollower.RefreshInterval);
        demoted.Feed.Publish(State(1, 3));

        Assert.Equal(["web.1", "web.3"], await NextTaskIdsAsync(states));
        Assert.Equal(["web.1", "web.2"], await NextTaskIdsAsync(states));
    }

    [Fact]
    public async Task FollowAsync_BadDocument_SkipsThatManager()
    {
        await using var bad = await FeedServer.StartAsync(0, app => FeedServer.MapRaw(app, 200, """{ "nodes": [ { "name": "n1" } ] }""", "\"v1\""));
        await using var good = await FeedServer.StartAsync();
        good.Feed.Publish(State(4));
        var follower = Follower(bad.Url, good.Url);
        var rejected = new List<string>();
        follower.Rejected += e => rejected.Add(e.Message);
        await using var states = follower.FollowAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);

        Assert.Equal(["web.4"], await NextTaskIdsAsync(states));
        Assert.Contains("nodes[0].address: is missing", Assert.Single(rejected), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Dispose();
        _http.Dispose();
    }

    private IAsyncEnumerable<VersionedState> Follow(params Uri[] managers) => Follower(managers).FollowAsync(_stop.Token);

    private ManagerStateFollower Follower(params Uri[] managers) =>
        new(new ClusterStateClient(_http), _ => Task.FromResult(managers.ToImmutableArray()), TimeProvider.System, NullLogger<ManagerStateFollower>.Instance);

    private static ClusterState State(params int[] tasks) => TestCluster.ClusterWith([.. tasks.Select(n => TestCluster.WebTask(n))]);

    private static async Task<string[]> NextTaskIdsAsync(IAsyncEnumerator<VersionedState> states)
    {
        Assert.True(await states.MoveNextAsync());
        return [.. states.Current.State.Tasks.Select(t => t.Id)];
    }

    /// <summary>Waits until the restarted server answers with its first state, so the next publish is a change.</summary>
    private async Task WaitUntilServedAsync(FeedServer server)
    {
        using var http = new HttpClient();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(ClusterStateClient.StateUrl(server.Url, null), _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _stop.Token);
        }
    }

    /// <summary>A loopback port nothing listens on: connections are refused.</summary>
    private static Uri ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
