using EdgeGateway.Discovery;

namespace EdgeGateway.Configuration.Validation;

/// <summary>A swarm cluster's <c>Metadata.EndpointMode</c> must be <c>vip</c> or <c>dnsrr</c>.</summary>
internal sealed class EndpointModeValidator : IRoutesValidator
{
    public ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        foreach (var cluster in routes.Clusters)
        {
            var raw = EndpointModes.RawValue(cluster);
            if (raw is not null && !EndpointModes.TryParse(raw, out _))
            {
                var path = JsonPaths.Child(JsonPaths.Cluster(cluster.ClusterId, "Metadata"), EndpointModes.MetadataKey);
                errors.Add(routes.Error(path, $"cluster '{cluster.ClusterId}' has bad endpoint mode '{raw}' (expected '{EndpointModes.Vip}' or '{EndpointModes.Dnsrr}')"));
            }
        }

        return ValueTask.CompletedTask;
    }
}
