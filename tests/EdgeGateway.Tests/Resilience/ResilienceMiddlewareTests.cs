using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using EdgeGateway.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeGateway.Tests.Resilience;

public sealed class ResilienceMiddlewareTests : IAsyncLifetime
{
    private const string Retries = "edge_service_retries_total{route=\"r\",cluster=\"c\"}";
    private const string Exhausted = "edge_retry_exhausted_total{route=\"r\",cluster=\"c\"}";
    private const string Timeouts = "edge_route_timeouts_total{route=\"r\",cluster=\"c\"}";
    private static readonly TimeSpan RouteBudget = TimeSpan.FromSeconds(5);

    private readonly ResilienceTestRig _rig = new();
    private ResilienceTestBackend _a = null!;
    private ResilienceTestBackend _b = null!;
    private ResilienceTestBackend _c = null!;

    public async ValueTask InitializeAsync()
    {
        _a = await Start("a", "127.0.0.2");
        _b = await Start("b", "127.0.0.3");
        _c = await Start("c", "127.0.0.4");
    }

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task Get_FirstDestinationRefusesConnection_AnsweredByNextDestination()
    {
        var proxy = await Proxy(new() { ["a"] = ResilienceTestProxy.RefusingAddress(IPAddress.Parse("127.0.0.5")), ["b"] = _b.Address });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b answered 200", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, await proxy.MetricAsync(Retries));
    }

    [Fact]
    public async Task Post_FirstDestinationRefusesConnection_SentWholeToNextDestination()
    {
        var proxy = await Proxy(new() { ["a"] = ResilienceTestProxy.RefusingAddress(IPAddress.Parse("127.0.0.5")), ["b"] = _b.Address });

        using var response = await proxy.Client.PostAsync("/x", new StringContent("order"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["order"], _b.Bodies);
        Assert.Equal(1, await proxy.MetricAsync(Retries));
    }

    [Fact]
    public async Task Post_ChunkedBodyFirstDestinationRefusesConnection_UnreadBodySentToNextDestination()
    {
        var proxy = await Proxy(new() { ["a"] = ResilienceTestProxy.RefusingAddress(IPAddress.Parse("127.0.0.5")), ["b"] = _b.Address });
        var body = new string('y', 200 * 1024);
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await proxy.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([body], _b.Bodies);
    }

    [Fact]
    public async Task Post_ConnectionClosedAfterRequestSent_NotRetried()
    {
        _a.Answer(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.PostAsync("/x", new StringContent("order"), Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(["order"], _a.Bodies);
        Assert.Equal(0, _b.Hits);
        Assert.Null(await proxy.MetricAsync(Retries));
    }

    [Fact]
    public async Task Post_OnlyDestinationRefusesConnection_Answers502AndCountsExhausted()
    {
        var proxy = await Proxy(new() { ["a"] = ResilienceTestProxy.RefusingAddress(IPAddress.Parse("127.0.0.5")) });

        using var response = await proxy.Client.PostAsync("/x", new StringContent("order"), Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(await proxy.MetricAsync(Retries));
        await Eventually.HoldsAsync("the exhausted retry counted", async () => await proxy.MetricAsync(Exhausted) == 1);
    }

    [Fact]
    public async Task Post_RetriesTurnedOffFirstDestinationRefusesConnection_Answers502()
    {
        var proxy = await Proxy(
            new() { ["a"] = ResilienceTestProxy.RefusingAddress(IPAddress.Parse("127.0.0.5")), ["b"] = _b.Address },
            new() { ["Resilience:MaxRetries"] = "0" });

        using var response = await proxy.Client.PostAsync("/x", new StringContent("order"), Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(0, _b.Hits);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("TRACE")]
    public async Task Send_IdempotentMethodGets503_RetriedOnNextDestination(string method)
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/x"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (_a.Hits, _b.Hits));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    public async Task Send_NonIdempotentMethodGets503_PassedThroughUntouched(string method)
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/x"), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("a answered 503", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(0, _b.Hits);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Get_GatewayFailureStatus_AnswerComesOnlyFromNextDestination(int status)
    {
        _a.Answer(status);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b answered 200", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(["b"], response.Headers.GetValues("X-Backend"));
        Assert.Equal(["kept"], response.Headers.GetValues(ResilienceTestProxy.OuterHeader));
        Assert.Equal(1, await proxy.MetricAsync(Retries));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(429)]
    public async Task Get_ApplicationErrorStatus_PassedThroughWithoutRetry(int status)
    {
        _a.Answer(status);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal($"a answered {status}", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(0, _b.Hits);
    }

    [Fact]
    public async Task Get_OnlyDestinationAnswers503_UpstreamAnswerPassedThroughWhole()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("a answered 503", await response.Content.ReadAsStringAsync(Cancel));
        // Counted once the last attempt returns, which may be just after the client has the whole answer.
        await Eventually.ValueAsync("the exhausted retry counted", () => proxy.MetricAsync(Exhausted), value => value == 1);
    }

    [Fact]
    public async Task Get_VipClusterItsDestinationFailsOnce_RetriedOnTheSameVip()
    {
        var hits = 0;
        _a.Answer(context =>
        {
            // The first connection reached a task that is gone; the next one another task.
            context.Response.StatusCode = Interlocked.Increment(ref hits) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return context.Response.WriteAsync($"answer {hits}", Cancel);
        });
        var proxy = await _rig.ProxyAsync(new Dictionary<string, Uri> { ["a"] = _a.Address }, clusterMetadata: new Dictionary<string, string> { ["EndpointMode"] = "vip" });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _a.Hits);
        Assert.Equal(1, await proxy.MetricAsync(Retries));
    }

    [Fact]
    public async Task Get_VipClusterManyFailures_NoCircuitOpensOnTheVip()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await _rig.ProxyAsync(
            new Dictionary<string, Uri> { ["a"] = _a.Address },
            new Dictionary<string, string?> { ["Resilience:MaxRetries"] = "0" },
            clusterMetadata: new Dictionary<string, string> { ["EndpointMode"] = "vip" });
        for (var i = 0; i < 20; i++)
        {
            using var failed = await proxy.Client.GetAsync("/x", Cancel);
        }

        _a.Answer(StatusCodes.Status200OK);
        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(21, _a.Hits);
    }

    [Fact]
    public async Task Get_EveryDestinationFails_AttemptsBoundedAndEachOnADifferentDestination()
    {
        var d = await Start("d", "127.0.0.6");
        foreach (var backend in new[] { _a, _b, _c, d })
        {
            backend.Answer(StatusCodes.Status503ServiceUnavailable);
        }

        var proxy = await Proxy(
            new() { ["a"] = _a.Address, ["b"] = _b.Address, ["c"] = _c.Address, ["d"] = d.Address },
            new() { ["Resilience:MaxRetries"] = "2" });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("c answered 503", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal((1, 1, 1, 0), (_a.Hits, _b.Hits, _c.Hits, d.Hits));
        Assert.Equal(2, await proxy.MetricAsync(Retries));
        // Counted once the last attempt returns, which may be just after the client has the whole answer.
        await Eventually.ValueAsync("the exhausted retry counted", () => proxy.MetricAsync(Exhausted), value => value == 1);
    }

    [Fact]
    public async Task Put_BodyWithinCap_ReplayedWholeToNextDestination()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });
        var body = new string('x', 60 * 1024);

        using var response = await proxy.Client.PutAsync("/x", new StringContent(body), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([body], _a.Bodies);
        Assert.Equal([body], _b.Bodies);
    }

    [Fact]
    public async Task Put_BodyOverCap_StreamedOnceAndNotRetried()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address }, new() { ["Resilience:MaxBufferedBodyBytes"] = "1024" });
        var body = new string('x', 1025);

        using var response = await proxy.Client.PutAsync("/x", new StringContent(body), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal([body], _a.Bodies);
        Assert.Equal(0, _b.Hits);
    }

    [Fact]
    public async Task Put_ChunkedBodyOfUnknownLength_StreamedOnceAndNotRetried()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });
        using var content = new StreamContent(new MemoryStream("small"u8.ToArray()));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/x") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await proxy.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["small"], _a.Bodies);
        Assert.Equal(0, _b.Hits);
    }

    [Fact]
    public async Task Put_Http2BodyWithoutLength_StreamedOnceAndNotRetried()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await _rig.ProxyAsync(new Dictionary<string, Uri> { ["a"] = _a.Address, ["b"] = _b.Address }, protocols: HttpProtocols.Http2);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("small"u8.ToArray(), Cancel);
        await pipe.Writer.CompleteAsync();
        using var content = new StreamContent(pipe.Reader.AsStream()); // not seekable: sent without a length

        using var response = await proxy.Client.PutAsync("/x", content, Cancel);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["small"], _a.Bodies);
        Assert.Equal(0, _b.Hits);
    }

    [Fact]
    public async Task Put_Http2BodyWithLength_ReplayedToNextDestination()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await _rig.ProxyAsync(new Dictionary<string, Uri> { ["a"] = _a.Address, ["b"] = _b.Address }, protocols: HttpProtocols.Http2);

        using var response = await proxy.Client.PutAsync("/x", new StringContent("small"), Cancel);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["small"], _b.Bodies);
    }

    [Fact]
    public async Task Get_RetriesTurnedOff_FailurePassedThrough()
    {
        _a.Answer(StatusCodes.Status503ServiceUnavailable);
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address }, new() { ["Resilience:MaxRetries"] = "0" });

        using var response = await proxy.Client.GetAsync("/x", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, _b.Hits);
    }

    [Fact]
    public async Task Get_ConnectionDropsAfterResponseStarted_NotRetried()
    {
        var clientGotFirstBytes = new TaskCompletionSource();
        _a.Answer(async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("partial", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await clientGotFirstBytes.Task.WaitAsync(context.RequestAborted);
            context.Abort();
        });
        var proxy = await Proxy(new() { ["a"] = _a.Address, ["b"] = _b.Address });

        using var response = await proxy.Client.GetAsync("/x", HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        var first = new byte["partial".Length];
        await body.ReadExactlyAsync(first, Cancel);
        clientGotFirstBytes.SetResult();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("partial"u8.ToArray(), first);
        await Assert.ThrowsAnyAsync<IOException>(async () => await body.ReadExactlyAsync(new byte[1000 - first.Length], Cancel));
        Assert.Equal(0, _b.Hits);
        Assert.Null(await proxy.MetricAsync(Retries));
    }

    [Fact]
    public async Task Get_RouteTimeoutExpires_Answers504()
    {
        _a.Answer(async context => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        var clock = new ResilienceTestClock();
        var proxy = await TimedProxy(clock);

        var sending = proxy.Client.GetAsync("/x", Cancel);
        await Eventually.HoldsAsync("the request reaching 'a'", () => _a.Hits == 1);
        clock.Advance(RouteBudget);
        using var response = await sending;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(1, await proxy.MetricAsync(Timeouts));
    }

    [Fact]
    public async Task Get_RouteTimeoutExpiresMidResponse_ConnectionCutAndCounted()
    {
        _a.Answer(async context =>
        {
            await context.Response.WriteAsync("first", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var clock = new ResilienceTestClock();
        var proxy = await TimedProxy(clock);
        using var response = await proxy.Client.GetAsync("/x", HttpCompletionOption.ResponseHeadersRead, Cancel);
        await using var body = await response.Content.ReadAsStreamAsync(Cancel);
        var first = new byte["first".Length];
        await body.ReadExactlyAsync(first, Cancel);

        clock.Advance(RouteBudget);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<IOException>(async () => await new StreamReader(body).ReadToEndAsync(Cancel));
        await Eventually.ValueAsync("the timeout counted", () => proxy.MetricAsync(Timeouts), value => value == 1);
    }

    [Fact]
    public async Task Get_WebSocketOnRouteWithTimeout_OutlivesTheTimeout()
    {
        _a.Answer(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
        });
        var clock = new ResilienceTestClock();
        var proxy = await TimedProxy(clock);
        using var client = new ClientWebSocket();
        client.Options.Proxy = null;
        await client.ConnectAsync(new UriBuilder(proxy.Client.BaseAddress!) { Scheme = "ws", Path = "/ws" }.Uri, Cancel);

        clock.Advance(RouteBudget * 10);
        await client.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, Cancel);
        var reply = new byte[64];
        var received = await client.ReceiveAsync(reply, Cancel);

        Assert.Equal("ping", System.Text.Encoding.UTF8.GetString(reply, 0, received.Count));
        Assert.Null(await proxy.MetricAsync(Timeouts));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<ResilienceTestBackend> Start(string name, string address) => _rig.BackendAsync(name, address);

    /// <summary>A proxy whose route has a 5 s budget on a clock that moves only when the test advances it.</summary>
    private Task<ResilienceTestProxy> TimedProxy(ResilienceTestClock clock) =>
        _rig.ProxyAsync(
            new Dictionary<string, Uri> { ["a"] = _a.Address },
            routeMetadata: new Dictionary<string, string> { ["Resilience.Timeout"] = "00:00:05" },
            time: clock);

    private Task<ResilienceTestProxy> Proxy(
        Dictionary<string, Uri> destinations, Dictionary<string, string?>? settings = null, Dictionary<string, string>? routeMetadata = null) =>
        _rig.ProxyAsync(destinations, settings, routeMetadata);
}
