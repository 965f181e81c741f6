using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration.Validation;

/// <summary>YARP's own rules (match patterns, transforms, policies, health checks), with the file location added.</summary>
internal sealed class YarpRulesValidator(IConfigValidator yarp) : IRoutesValidator
{
    public async ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        foreach (var route in routes.Routes)
        {
            foreach (var problem in await yarp.ValidateRouteAsync(route))
            {
                errors.Add(routes.Error(JsonPaths.Route(route.RouteId), problem.Message));
            }
        }

        foreach (var cluster in routes.Clusters)
        {
            foreach (var problem in await yarp.ValidateClusterAsync(cluster))
            {
                errors.Add(routes.Error(JsonPaths.Cluster(cluster.ClusterId), problem.Message));
            }
        }
    }
}
