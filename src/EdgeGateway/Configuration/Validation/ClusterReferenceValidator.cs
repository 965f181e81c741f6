namespace EdgeGateway.Configuration.Validation;

/// <summary>Every route must name a cluster that the file defines.</summary>
internal sealed class ClusterReferenceValidator : IRoutesValidator
{
    public ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        var clusters = routes.Clusters.Select(c => c.ClusterId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes.Routes)
        {
            if (string.IsNullOrWhiteSpace(route.ClusterId))
            {
                errors.Add(routes.Error(JsonPaths.Route(route.RouteId), $"route '{route.RouteId}' has no ClusterId"));
            }
            else if (!clusters.Contains(route.ClusterId))
            {
                errors.Add(routes.Error(JsonPaths.Route(route.RouteId, "ClusterId"), $"route '{route.RouteId}' refers to unknown cluster '{route.ClusterId}'"));
            }
        }

        return ValueTask.CompletedTask;
    }
}
