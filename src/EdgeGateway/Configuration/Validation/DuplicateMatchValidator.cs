namespace EdgeGateway.Configuration.Validation;

/// <summary>Two routes with the same match and order make every matching request ambiguous.</summary>
internal sealed class DuplicateMatchValidator : IRoutesValidator
{
    public ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        for (var i = 0; i < routes.Routes.Count; i++)
        {
            var route = routes.Routes[i];
            var earlier = routes.Routes.Take(i).FirstOrDefault(r => r.Order == route.Order && Equals(r.Match, route.Match));
            if (earlier is not null && route.Match is not null)
            {
                errors.Add(routes.Error(JsonPaths.Route(route.RouteId, "Match"), $"route '{route.RouteId}' has the same Match and Order as route '{earlier.RouteId}'"));
            }
        }

        return ValueTask.CompletedTask;
    }
}
