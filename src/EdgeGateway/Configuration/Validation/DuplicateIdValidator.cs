namespace EdgeGateway.Configuration.Validation;

/// <summary>Route and cluster ids are case-insensitive; the same id twice would silently drop one definition.</summary>
internal sealed class DuplicateIdValidator : IRoutesValidator
{
    public ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        foreach (var (parent, name, line) in routes.Map.Duplicates)
        {
            var kind = parent switch
            {
                JsonPaths.Routes => "route",
                JsonPaths.Clusters => "cluster",
                _ => null,
            };
            var path = JsonPaths.Child(parent, name);
            var first = routes.Map.LineOf(path);
            var message = kind is null
                ? $"duplicate property '{name}' (first on line {first})"
                : $"duplicate {kind} '{name}' (first defined on line {first}; ids are case-insensitive)";
            errors.Add(new ConfigError(routes.File, path, line, message));
        }

        return ValueTask.CompletedTask;
    }
}
