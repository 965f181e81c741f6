using System.Net;
using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>
/// A real HTTP server on loopback serving <c>/v1/cluster-state</c> from a <see cref="ClusterStateFeed"/>, as the agent's
/// admin listener does; port 0 takes a free port, a given port lets a test restart the server where it was.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private FeedServer(WebApplication app, ClusterStateFeed feed, Uri url)
    {
        _app = app;
        Feed = feed;
        Url = url;
    }

    public ClusterStateFeed Feed { get; }

    public Uri Url { get; }

    public int Port => Url.Port;

    public static Task<FeedServer> StartAsync(int port = 0) =>
        StartAsync(port, app => app.MapClusterState());

    /// <summary>A server on another loopback address (127.0.0.2, ...), as another node's agent on the same admin port.</summary>
    public static Task<FeedServer> StartAsync(IPAddress address, int port) =>
        StartAsync(address, port, app => app.MapClusterState());

    /// <summary>A server answering the state path with whatever <paramref name="map"/> maps (for bad answers).</summary>
    public static Task<FeedServer> StartAsync(int port, Action<WebApplication> map) => StartAsync(IPAddress.Loopback, port, map);

    private static async Task<FeedServer> StartAsync(IPAddress address, int port, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://{address}:{port}");
        var feed = new ClusterStateFeed(TimeProvider.System);
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(StopDrain.None);
        builder.Services.AddSingleton<AgentStopping>();
        var app = builder.Build();
        map(app);
        await app.StartAsync().ConfigureAwait(false);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FeedServer(app, feed, new Uri(url));
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
