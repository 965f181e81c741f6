using System.Text;
using EdgeGateway.Configuration;

namespace EdgeGateway.Tests.Configuration;

/// <summary>Routes files for tests, written as JSON text with single quotes for readability.</summary>
internal static class RoutesJson
{
    public const string File = "routes.json";

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json.Replace('\'', '"'));

    public static ParsedRoutes Parse(string json)
    {
        var (routes, errors) = RoutesFileParser.Parse(File, Bytes(json));
        Assert.Empty(errors);
        return routes!;
    }

    /// <summary>A valid file: route 'web' to static cluster 'web', route 'api' to swarm cluster 'api' (dnsrr).</summary>
    public const string Valid = """
        {
          'Routes': {
            'web': { 'ClusterId': 'web', 'Match': { 'Path': '/{**rest}' } },
            'api': { 'ClusterId': 'api', 'Match': { 'Path': '/api/{**rest}' } }
          },
          'Clusters': {
            'web': { 'Destinations': { 'd1': { 'Address': 'http://127.0.0.1:5000' } } },
            'api': {
              'Metadata': { 'EndpointMode': 'dnsrr' },
              'Destinations': { 'tasks': { 'Address': 'http://api:8080' } }
            }
          }
        }
        """;
}
