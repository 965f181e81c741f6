namespace EdgeGateway.Configuration;

/// <summary>Builds the JSON paths that error messages use, e.g. <c>$.Routes.api.ClusterId</c>.</summary>
internal static class JsonPaths
{
    public const string Root = "$";
    public const string Routes = "$.Routes";
    public const string Clusters = "$.Clusters";

    public static string Route(string routeId, string? field = null) => Child(Child(Routes, routeId), field);

    public static string Cluster(string clusterId, string? field = null) => Child(Child(Clusters, clusterId), field);

    public static string Destination(string clusterId, string destinationId, string? field = null) =>
        Child(Child(Cluster(clusterId, "Destinations"), destinationId), field);

    /// <summary>Appends a property name, bracket-quoting names that are not plain identifiers.</summary>
    public static string Child(string parent, string? name)
    {
        if (name is null)
        {
            return parent;
        }

        var plain = name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return plain ? $"{parent}.{name}" : $"{parent}['{name}']";
    }
}
