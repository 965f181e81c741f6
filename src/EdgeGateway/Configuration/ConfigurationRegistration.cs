using EdgeGateway.Configuration.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

internal static class ConfigurationRegistration
{
    public static IServiceCollection AddRoutesFile(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, DuplicateIdValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, ClusterReferenceValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, DuplicateMatchValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, EndpointModeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, DestinationAddressValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoutesValidator, YarpRulesValidator>());
        services.TryAddSingleton<RoutesLoader>();
        services.TryAddSingleton<FileProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<FileProxyConfigProvider>());
        services.TryAddSingleton<ConfigStatus>();
        services.TryAddSingleton<RoutesReloader>();
        services.AddHostedService<RoutesFileWatcher>();
        return services;
    }
}
