using System.Net;
using EdgeGateway.IntegrationTests.Support;

namespace EdgeGateway.IntegrationTests;

/// <summary>Routes chosen by host and path, prefix removal, and no open proxy.</summary>
public sealed class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_HostWithCatchAllPath_AnsweredThroughVip()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/some/page?q=1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("vip", response.TaskName);
        Assert.Equal("GET /some/page?q=1 HTTP/1.1", response.RequestLine);
    }

    [Fact]
    public async Task Get_DnsrrPrefix_PrefixRemovedAndAnsweredByTask()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.Host, "/dnsrr/hello/world?x=1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(response.TaskName, fixture.Tasks.Select(t => t.Name));
        Assert.Equal("GET /hello/world?x=1 HTTP/1.1", response.RequestLine);
    }

    [Fact]
    public async Task Get_OtherHost_RoutedByHostToDnsrrTasks()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, RoutesFile.ApiHost, "/dnsrr/kept");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(response.TaskName, fixture.Tasks.Select(t => t.Name));
        Assert.Equal("GET /dnsrr/kept HTTP/1.1", response.RequestLine);
    }

    [Fact]
    public async Task Get_UnknownHost_NotFoundAndNotProxied()
    {
        var response = await EchoResponse.GetAsync(fixture.Gateway.Public, "unknown.test", "/");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Null(response.TaskName);
    }

    [Fact]
    public async Task Get_AbsoluteUriToForeignHost_NotFoundNeverForwarded()
    {
        // An open proxy would fetch this; the gateway must treat it as an unmatched host.
        var response = await RawHttp.SendAsync(fixture.Gateway.PublicUri, "GET http://example.invalid/ HTTP/1.1\r\nHost: example.invalid\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 404", response, StringComparison.Ordinal);
    }
}
