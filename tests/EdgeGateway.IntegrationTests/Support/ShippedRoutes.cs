using System.Text.Json.Nodes;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>The repository's own <c>config/routes.json</c>, as deployed by stack.yml.</summary>
public static class ShippedRoutes
{
    /// <summary>The file with every destination's port changed to <paramref name="port"/> (loopback tests cannot use 80).</summary>
    public static JsonNode WithPort(int port)
    {
        var document = JsonNode.Parse(File.ReadAllText(Find()))!;
        foreach (var (_, cluster) in document["Clusters"]!.AsObject())
        {
            foreach (var (_, destination) in cluster!["Destinations"]!.AsObject())
            {
                var address = new UriBuilder(destination!["Address"]!.GetValue<string>()) { Port = port };
                destination["Address"] = address.Uri.GetLeftPart(UriPartial.Authority);
            }
        }

        return document;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "config", "routes.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"config/routes.json not found above {AppContext.BaseDirectory}");
    }
}
