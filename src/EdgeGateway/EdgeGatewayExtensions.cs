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

        // The listeners come from the options alone (Kestrel notes that it ignores ASP.NET's own "urls").
        builder.WebHost.ConfigureKestrel(kestrel => Listeners.Configure(kestrel, options));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning);

        // ASP.NET Core starts an Activity for every request whenever this category logs at any level (for log scopes),
        // and an Activity makes HttpClient add trace headers upstream too. Nothing exports traces, so it stays off; it
        // only logs request start/finish (Information) and start-up failures, which reach the console anyway.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayMetrics();
        services.AddRoutesFile();
        services.AddSwarmDiscovery();
        services.AddShutdownDrain(options.DrainDelay);
        services.AddAdminEndpoints();
        services.AddEdgeResilience(builder.Configuration);
        services.AddReverseProxy()
            .AddServiceDiscoveryDestinationResolver()
            .AddForwardingHygiene();
        return builder;
    }

    /// <summary>
    /// Loads the routes file, then sets up the pipelines. Admin listener: admin pipeline only. Public listener:
    /// YARP routes only; anything unmatched is 404. Throws <see cref="GatewayStartupException"/> with every
    /// error of an invalid routes file.
    /// </summary>
    public static WebApplication UseEdgeGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // YARP reads its configuration once, synchronously, when the proxy is mapped; the file must be loaded by then.
        var errors = app.Services.GetRequiredService<RoutesReloader>().LoadInitialAsync().GetAwaiter().GetResult();
        if (errors.Count > 0)
        {
            throw new GatewayStartupException(string.Join(Environment.NewLine, errors));
        }

        app.Services.GetRequiredService<ClusterHealthCollector>().Register(app.Services.GetRequiredService<CollectorRegistry>());
        app.UseDrainConnectionClose();
        app.MapWhen(AdminConnectionFeature.IsAdmin, AdminPipeline.Configure);
        app.UseRouting();
        app.Use(CountUnmatched);
        app.MapReverseProxy(ProxyPipeline.Configure);
        return app;
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
