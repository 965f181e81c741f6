using System.Text.RegularExpressions;
using EdgeGateway.Discovery;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration.Validation;

/// <summary>
/// Destination addresses must be absolute http(s) URLs. In a swarm cluster the host is a swarm service
/// name and the port must be written out, since DNS gives addresses but never ports.
/// </summary>
internal sealed partial class DestinationAddressValidator : IRoutesValidator
{
    public ValueTask ValidateAsync(ParsedRoutes routes, List<ConfigError> errors)
    {
        foreach (var cluster in routes.Clusters)
        {
            var swarm = EndpointModes.IsSwarm(cluster);
            if (swarm && (cluster.Destinations is null || cluster.Destinations.Count == 0))
            {
                errors.Add(routes.Error(JsonPaths.Cluster(cluster.ClusterId), $"swarm cluster '{cluster.ClusterId}' has no destinations"));
            }

            foreach (var (id, destination) in cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
            {
                var problem = Check(destination.Address, swarm);
                if (problem is not null)
                {
                    errors.Add(routes.Error(
                        JsonPaths.Destination(cluster.ClusterId, id, "Address"),
                        $"cluster '{cluster.ClusterId}' destination '{id}' has bad address '{destination.Address}': {problem}"));
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string? Check(string? address, bool swarm)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return "expected an absolute http:// or https:// URL";
        }

        if (!swarm)
        {
            return null;
        }

        if (!ServiceName().IsMatch(uri.Host))
        {
            return $"'{uri.Host}' is not a swarm service name";
        }

        if (uri.Host.StartsWith("tasks.", StringComparison.OrdinalIgnoreCase))
        {
            return "write the service name without 'tasks.'; the dnsrr endpoint mode adds it";
        }

        return SwarmAddress.HasExplicitPort(address!) ? null : $"a swarm service address needs an explicit port, e.g. {uri.Scheme}://{uri.Host}:80";
    }

    // Docker service names: letters, digits, '-', '_' and '.', starting with a letter or digit.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ServiceName();
}
