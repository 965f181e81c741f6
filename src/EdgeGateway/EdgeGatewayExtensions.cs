using EdgeGateway.Admin;
using EdgeGateway.Configuration;
using EdgeGateway.Discovery;
using EdgeGateway.Forwarding;
using EdgeGateway.Hosting;
using EdgeGateway.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace EdgeGateway;

/// <summary>The gateway's composition root: options, per-feature registrations, listeners and pipelines.</summary>
public static class EdgeGatewayExtensions
{
    /// <summary>Reads the gateway options and registers every feature; throws <see cref="GatewayStartupException"/> on bad options.</summary>
    public static WebApplicationBuilder AddEdgeGateway(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var (options, errors) = GatewayOptionsReader.Read(builder.Configuration, args);
        errors = [.. errors, .. Listeners.Validate(options)];
        if (errors.Count > 0)
        {
            throw new GatewayStartupException(string.Join(Environment.NewLine, errors));
        }

        // The listeners come from the options alone; clearing ASP.NET's own "urls" keeps it from binding them twice.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel => Listeners.Configure(kestrel, options));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayMetrics();
        services.AddRoutesFile();
        services.AddSwarmDiscovery();
        services.AddAdminEndpoints();
        services.AddEdgeResilience(builder.Configuration);
        services.AddReverseProxy()
            .AddServiceDiscoveryDestinationResolver()
            .AddForwardingHygiene();
        return builder;
    }

    /// <summary>Admin listener: admin pipeline only. Public listener: YARP routes only; anything unmatched is 404.</summary>
    public static WebApplication UseEdgeGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<ClusterHealthCollector>().Register(app.Services.GetRequiredService<CollectorRegistry>());
        app.MapWhen(AdminConnectionFeature.IsAdmin, AdminPipeline.Configure);
        app.UseRouting();
        app.Use(CountUnmatched);
        app.MapReverseProxy(ProxyPipeline.Configure);
        return app;
    }

    /// <summary>Loads the routes file and runs; an invalid file stops the start with every error it has.</summary>
    public static async Task RunEdgeGatewayAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var errors = await app.Services.GetRequiredService<RoutesReloader>().LoadInitialAsync();
        if (errors.Count > 0)
        {
            throw new GatewayStartupException(string.Join(Environment.NewLine, errors));
        }

        await app.RunAsync();
    }

    private static Task CountUnmatched(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not null)
        {
            return next(context);
        }

        context.RequestServices.GetRequiredService<GatewayMetrics>().UnmatchedRequests.Inc();
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
