using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeGateway.Admin;

internal static class AdminRegistration
{
    public static IServiceCollection AddAdminEndpoints(this IServiceCollection services)
    {
        services.TryAddSingleton<StatusReportBuilder>();
        return services;
    }
}
