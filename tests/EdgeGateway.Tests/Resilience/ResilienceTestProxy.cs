using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Resilience;

/// <summary>
/// A real YARP proxy on Kestrel (127.0.0.1, ephemeral port) with the resilience step first in its pipeline, one
/// catch-all route 'r' to cluster 'c' whose destinations are picked in alphabetical order, so tests know which
/// destination gets the first attempt.
/// </summary>
internal sealed class ResilienceTestProxy : IAsyncDisposable
{
    /// <summary>A response header set by middleware in front of the proxy, which retries must keep.</summary>
    public const string OuterHeader = "X-Edge-Outer";

    private readonly WebApplication _app;

    private ResilienceTestProxy(WebApplication app, CollectorRegistry registry, Uri address, HttpProtocols protocols)
    {
        _app = app;
        Registry = registry;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address };
        if (protocols == HttpProtocols.Http2)
        {
            // Cleartext HTTP/2 needs prior knowledge: no upgrade, no fallback.
            Client.DefaultRequestVersion = HttpVersion.Version20;
            Client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
    }

    public HttpClient Client { get; }

    public CollectorRegistry Registry { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ResilienceTestProxy> StartAsync(
        IReadOnlyDictionary<string, Uri> destinations,
        IReadOnlyDictionary<string, string?>? settings = null,
        IReadOnlyDictionary<string, string>? routeMetadata = null,
        HttpProtocols protocols = HttpProtocols.Http1,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string>? clusterMetadata = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var registry = Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddReverseProxy().LoadFromMemory([Route(routeMetadata)], [Cluster(destinations, clusterMetadata)]);
        builder.Services.AddEdgeResilience(builder.Configuration);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Stands for host middleware that sets response headers before the proxy runs.
            context.Response.Headers[OuterHeader] = "kept";
            return next(context);
        });
        app.MapReverseProxy(proxy =>
        {
            proxy.UseEdgeResilience();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ResilienceTestProxy(app, registry, new Uri(bound), protocols);
    }

    /// <summary>Replaces the cluster's destinations the way a config reload or discovery would.</summary>
    public void SetDestinations(IReadOnlyDictionary<string, Uri> destinations, IReadOnlyDictionary<string, string>? routeMetadata = null) =>
        _app.Services.GetRequiredService<InMemoryConfigProvider>().Update([Route(routeMetadata)], [Cluster(destinations)]);

    /// <summary>An address on loopback where nothing listens, so connecting is refused.</summary>
    public static Uri RefusingAddress(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{address}:{port}/"));
    }

    /// <summary>The current value of one series, or null when the series does not exist.</summary>
    public async Task<double?> MetricAsync(string series)
    {
        using var text = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken);
        var line = System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private static RouteConfig Route(IReadOnlyDictionary<string, string>? metadata) => new()
    {
        RouteId = "r",
        ClusterId = "c",
        Match = new RouteMatch { Path = "{**catch-all}" },
        Metadata = metadata,
    };

    private static ClusterConfig Cluster(IReadOnlyDictionary<string, Uri> destinations, IReadOnlyDictionary<string, string>? metadata = null) => new()
    {
        ClusterId = "c",
        Metadata = metadata,
        LoadBalancingPolicy = "FirstAlphabetical",
        Destinations = destinations.ToDictionary(d => d.Key, d => new DestinationConfig { Address = d.Value.ToString() }),
    };
}
