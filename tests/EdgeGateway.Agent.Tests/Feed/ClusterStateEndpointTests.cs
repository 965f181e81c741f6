using System.Net;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.State;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>The endpoint over real HTTP on loopback.</summary>
public class ClusterStateEndpointTests
{
    [Fact]
    public async Task Get_NoAfter_GivesTheDocumentWithItsVersionAsETag()
    {
        await using var server = await FeedServer.StartAsync();
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{server.Feed.Current!.Version}\"", response.Headers.ETag!.Tag);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var state = StateFileReader.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "answer");
        Assert.Equal("web.1", state.Tasks.Single().Id);
    }

    [Fact]
    public async Task Get_AfterTheCurrentVersion_AnswersWhenTheStateChanges()
    {
        await using var server = await FeedServer.StartAsync();
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        using var http = new HttpClient();
        var client = new ClusterStateClient(http);
        var first = await client.GetAsync(server.Url, null, TestContext.Current.CancellationToken);

        var waiting = client.GetAsync(server.Url, first!.Version, TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2)));

        var next = await waiting;
        Assert.Equal(server.Feed.Current!.Version, next!.Version);
        Assert.Equal(["web.1", "web.2"], next.State.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task Get_NoStateYet_AnswersServiceUnavailable()
    {
        await using var server = await FeedServer.StartAsync(0, app => app.MapClusterState());
        using var http = new HttpClient();
        var client = new ClusterStateClient(http);

        // The long poll for a first state ends once the server stops; with none published the answer is 503.
        var waiting = client.GetAsync(server.Url, null, TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        await server.DisposeAsync();

        var error = await Assert.ThrowsAsync<ClusterStateFeedException>(() => waiting);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Contains("no cluster state yet", error.Message, StringComparison.Ordinal);
    }
}
