using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.Hosting;

/// <summary>Wires <see cref="ShutdownDrain"/> into a host and its pipeline.</summary>
internal static class DrainRegistration
{
    /// <summary>
    /// Registers the drain; the host's shutdown timeout becomes the drain delay plus the in-flight grace, so a
    /// container's stop grace period must cover both.
    /// </summary>
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services, TimeSpan delay)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ShutdownDrain(delay, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ShutdownDrain>>()));
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.Configure<HostOptions>(host => host.ShutdownTimeout = delay + ShutdownDrain.InFlightGrace);
        return services;
    }

    /// <summary>
    /// While draining, every response asks its client to close the connection (HTTP/1.1 <c>Connection: close</c>,
    /// HTTP/2 GOAWAY), so clients' pooled keep-alive connections move to other tasks during the delay instead of
    /// being closed under a request when the listener goes. Upgrade requests (WebSockets) are left alone.
    /// </summary>
    public static IApplicationBuilder UseDrainConnectionClose(this IApplicationBuilder app)
    {
        var drain = app.ApplicationServices.GetRequiredService<ShutdownDrain>();
        return app.Use((context, next) =>
        {
            if (drain.Draining && context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest != true)
            {
                context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            }

            return next(context);
        });
    }
}
