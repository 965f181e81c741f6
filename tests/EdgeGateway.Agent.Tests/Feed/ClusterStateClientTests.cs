using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.State;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>The client against real servers on loopback that answer badly.</summary>
public class ClusterStateClientTests
{
    [Fact]
    public async Task GetAsync_InvalidDocument_NamesTheUrlAndThePlace()
    {
        await using var server = await FeedServer.StartAsync(0, app => FeedServer.MapRaw(app, 200, """{ "nodes": [ { "name": "n1", "address": "300.1.2.3" } ] }""", "\"v1\""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<StateFileException>(() => new ClusterStateClient(http).GetAsync(server.Url, null, TestContext.Current.CancellationToken));

        Assert.Contains(ClusterStateClient.StateUrl(server.Url, null).ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("nodes[0].address: '300.1.2.3' is not an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_NoETag_SaysTheVersionIsMissing()
    {
        var json = StateFileWriter.ToJson(TestCluster.ClusterWith());
        await using var server = await FeedServer.StartAsync(0, app => FeedServer.MapRaw(app, 200, json, null));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ClusterStateFeedException>(() => new ClusterStateClient(http).GetAsync(server.Url, null, TestContext.Current.CancellationToken));

        Assert.Contains("no ETag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ErrorStatus_NamesTheStatusAndTheBody()
    {
        await using var server = await FeedServer.StartAsync(0, app => FeedServer.MapRaw(app, 500, "broken", null));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ClusterStateFeedException>(() => new ClusterStateClient(http).GetAsync(server.Url, "v1", TestContext.Current.CancellationToken));

        Assert.Equal($"{ClusterStateClient.StateUrl(server.Url, "v1")}: HTTP 500 Internal Server Error: broken", error.Message);
    }

    [Fact]
    public void StateUrl_WithVersion_AsksForANewerOne()
    {
        Assert.Equal("http://10.0.0.11:9464/v1/cluster-state?after=ab12", ClusterStateClient.StateUrl(new Uri("http://10.0.0.11:9464/"), "ab12").ToString());
        Assert.Equal("http://10.0.0.11:9464/v1/cluster-state", ClusterStateClient.StateUrl(new Uri("http://10.0.0.11:9464"), null).ToString());
    }
}
