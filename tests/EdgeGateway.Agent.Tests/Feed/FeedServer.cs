using System.Net;
using EdgeGateway.Agent.Cli;
using System.Net.Sockets;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>
/// A real HTTP server on loopback serving <c>/v1/cluster-state</c> from a <see cref="ClusterStateFeed"/>, as the agent's
/// admin listener does (with its access rules from <see cref="AgentOptions"/>, refusals counted in <see cref="Registry"/>);
/// port 0 takes a free port, a given port lets a test restart the server where it was.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private FeedServer(WebApplication app, ClusterStateFeed feed, CollectorRegistry registry, Uri url)
    {
        _app = app;
        Feed = feed;
        Registry = registry;
        Url = url;
    }

    public ClusterStateFeed Feed { get; }

    public CollectorRegistry Registry { get; }

    public Uri Url { get; }

    public int Port => Url.Port;

    public static Task<FeedServer> StartAsync(int port = 0) =>
        StartAsync(port, app => app.MapClusterState());

    /// <summary>A server on another loopback address (127.0.0.2, ...), as another node's agent on the same admin port.</summary>
    public static Task<FeedServer> StartAsync(IPAddress address, int port) =>
        StartAsync(port, app => app.MapClusterState(), host: address.ToString());

    /// <summary>The state endpoint with <paramref name="options"/>' access rules, listening on <paramref name="host"/>.</summary>
    public static Task<FeedServer> StartAsync(AgentOptions options, string host = "127.0.0.1") =>
        StartAsync(0, app => app.MapClusterState(), options, host);

    /// <summary>A server answering the state path with whatever <paramref name="map"/> maps (for bad answers).</summary>
    public static async Task<FeedServer> StartAsync(int port, Action<WebApplication> map, AgentOptions? options = null, string host = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://{host}:{port}");
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && address.IsIPv4MappedToIPv6)
        {
            // Kestrel binds IPv6 sockets IPv6-only; a dual-mode one on an IPv4-mapped address takes IPv4 clients (as
            // a listener on [::] does) without listening beyond loopback.
            builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = DualModeSocket);
        }

        var feed = new ClusterStateFeed(TimeProvider.System);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(StopDrain.None);
        builder.Services.AddSingleton<AgentStopping>();
        builder.Services.AddSingleton(options ?? TestCluster.Options);
        builder.Services.AddSingleton(new AgentMetrics(registry, TimeProvider.System));
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FeedServer(app, feed, registry, new Uri(url));
    }

    private static Socket DualModeSocket(EndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(endpoint);
        return socket;
    }

    public static void MapRaw(WebApplication app, int status, string body, string? etag) =>
        app.MapGet(ClusterStateEndpoint.Path, (HttpContext context) =>
        {
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
            }

            return Results.Text(body, "application/json", statusCode: status);
        });

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
