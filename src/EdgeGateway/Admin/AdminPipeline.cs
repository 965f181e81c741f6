using Prometheus;

namespace EdgeGateway.Admin;

/// <summary>The admin listener's whole pipeline: /metrics, /healthz, /readyz and /status; anything else is 404.</summary>
internal static class AdminPipeline
{
    public static void Configure(IApplicationBuilder admin)
    {
        var services = admin.ApplicationServices;
        admin.UseMetricServer("/metrics", services.GetRequiredService<CollectorRegistry>());
        admin.Map("/healthz", b => b.Run(context => context.Response.WriteAsync("alive\n")));
        admin.Map("/readyz", b => b.Run(context =>
        {
            var (ready, reason) = services.GetRequiredService<StatusReportBuilder>().Readiness();
            context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(reason + "\n");
        }));
        admin.Map("/status", b => b.Run(context => context.Response.WriteAsJsonAsync(services.GetRequiredService<StatusReportBuilder>().Build())));
        admin.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
