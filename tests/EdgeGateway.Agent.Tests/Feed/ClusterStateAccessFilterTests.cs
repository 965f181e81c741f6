using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Mesh.Model;
using Prometheus;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>
/// Who may read the cluster state: the rule itself, and over real HTTP on loopback with the client's address chosen by
/// binding its socket (127.0.0.2 is no node and, unless allowed, refused).
/// </summary>
public sealed class ClusterStateAccessFilterTests : IDisposable
{
    private static readonly IPAddress OtherLoopback = IPAddress.Parse("127.0.0.2");
    private static readonly ImmutableArray<IPAddress> Nodes = [IPAddress.Parse("10.0.0.11"), IPAddress.Parse("10.0.0.12")];
    private readonly HttpClient _fromOther = SourceBoundHttpClient.Create(OtherLoopback);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Allows_Loopback_TrueWithoutStateOrAllowList(string client) =>
        Assert.True(ClusterStateAccessFilter.Allows(IPAddress.Parse(client), [], null));

    [Theory]
    [InlineData("10.0.0.12")]
    [InlineData("::ffff:10.0.0.12")]
    public void Allows_NodeOfTheState_True(string client) =>
        Assert.True(ClusterStateAccessFilter.Allows(IPAddress.Parse(client), [], Nodes));

    [Fact]
    public void Allows_NodeWrittenIPv4Mapped_MatchesItsIPv4Client() =>
        Assert.True(ClusterStateAccessFilter.Allows(IPAddress.Parse("10.0.0.13"), [], [IPAddress.Parse("::ffff:10.0.0.13")]));

    [Fact]
    public void Allows_NodeAddressWithoutState_False() =>
        Assert.False(ClusterStateAccessFilter.Allows(IPAddress.Parse("10.0.0.12"), [], null));

    [Theory]
    [InlineData("192.168.5.7", "192.168.5.0/24")]
    [InlineData("::ffff:192.168.5.7", "192.168.5.0/24")]
    [InlineData("fd00::7", "fd00::/64")]
    [InlineData("127.0.0.2", "127.0.0.2/32")]
    public void Allows_InTheAllowList_TrueWithOrWithoutState(string client, string network)
    {
        Assert.True(ClusterStateAccessFilter.Allows(IPAddress.Parse(client), [IPNetwork.Parse(network)], null));
        Assert.True(ClusterStateAccessFilter.Allows(IPAddress.Parse(client), [IPNetwork.Parse(network)], Nodes));
    }

    [Theory]
    [InlineData("10.0.0.99")]
    [InlineData("::ffff:10.0.0.99")]
    [InlineData("192.168.6.1")]
    [InlineData("127.0.0.2")]
    [InlineData("fd00:1::7")]
    public void Allows_NeitherLoopbackNodeNorAllowed_False(string client) =>
        Assert.False(ClusterStateAccessFilter.Allows(IPAddress.Parse(client), [IPNetwork.Parse("192.168.5.0/24"), IPNetwork.Parse("fd00::/64")], Nodes));

    [Fact]
    public async Task Get_FromAnAddressNotAllowed_RefusedWithTheReasonAndCounted()
    {
        await using var server = await FeedServer.StartAsync(TestCluster.Options);
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        using var response = await _fromOther.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "cluster state refused: 127.0.0.2 is not loopback, a node of the swarm or in --feed-allow\n",
            await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Contains("\nedge_agent_feed_refused_total 1\n", await ScrapeAsync(server.Registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FromTheLoopbackAddress_Served()
    {
        await using var server = await FeedServer.StartAsync(TestCluster.Options);
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        using var http = SourceBoundHttpClient.Create(IPAddress.Loopback);

        using var response = await http.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\nedge_agent_feed_refused_total 0\n", await ScrapeAsync(server.Registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FromAnAllowedAddress_Served()
    {
        await using var server = await FeedServer.StartAsync(TestCluster.Options with { FeedAllow = [IPNetwork.Parse("127.0.0.2/32")] });
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        using var response = await _fromOther.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_FromANodeOfTheState_ServedOnceTheStateNamesIt()
    {
        await using var server = await FeedServer.StartAsync(TestCluster.Options);
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1));
        server.Feed.Publish(state);
        using var before = await _fromOther.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);
        server.Feed.Publish(state with { Nodes = state.Nodes.Add(new ClusterNode("n3", OtherLoopback)) });

        using var after = await _fromOther.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("\"n3\"", await after.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoStateYet_RefusedSayingNoNodesAreKnown()
    {
        await using var server = await FeedServer.StartAsync(TestCluster.Options);

        using var response = await _fromOther.GetAsync(new Uri(server.Url, ClusterStateEndpoint.Path), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "cluster state refused: 127.0.0.2 is not loopback or in --feed-allow (this agent knows no nodes yet)\n",
            await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Get_DualStackListener_MatchesIPv4ClientsInIPv4Form()
    {
        // An IPv6 socket bound to an IPv4-mapped address: IPv4 clients arrive as ::ffff:a.b.c.d.
        await using var server = await FeedServer.StartAsync(TestCluster.Options with { FeedAllow = [IPNetwork.Parse("127.0.0.2/32")] }, "[::ffff:127.0.0.1]");
        server.Feed.Publish(TestCluster.ClusterWith(TestCluster.WebTask(1)));
        var url = new Uri($"http://127.0.0.1:{server.Port}{ClusterStateEndpoint.Path}");
        using var fromThird = SourceBoundHttpClient.Create(IPAddress.Parse("127.0.0.3"));

        using var allowed = await _fromOther.GetAsync(url, Cancellation);
        using var refused = await fromThird.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.StartsWith("cluster state refused: ::ffff:127.0.0.3 is not", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    public void Dispose() => _fromOther.Dispose();

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text, Cancellation);
        return System.Text.Encoding.UTF8.GetString(text.ToArray());
    }
}
