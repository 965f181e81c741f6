using System.Text.Json;
using System.Text.Json.Serialization;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Configuration;

/// <summary>Turns the bytes of a routes file into routes and clusters, or into errors naming line and position.</summary>
internal static class RoutesFileParser
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(), new LenientVersionConverter() },
    };

    public static (ParsedRoutes? Routes, IReadOnlyList<ConfigError> Errors) Parse(string file, byte[] content)
    {
        RoutesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RoutesDocument>(content, Options);
        }
        catch (JsonException e)
        {
            return (null, [SyntaxError(file, content, e)]);
        }

        if (document is null)
        {
            return (null, [new ConfigError(file, JsonPaths.Root, 1, "the file must hold a JSON object with Routes and Clusters")]);
        }

        var routes = (document.Routes ?? []).Select(kv => kv.Value with { RouteId = kv.Key }).ToList();
        var clusters = (document.Clusters ?? []).Select(kv => kv.Value with { ClusterId = kv.Key }).ToList();
        return (new ParsedRoutes(file, routes, clusters, JsonSourceMap.Build(content)), []);
    }

    private static ConfigError SyntaxError(string file, byte[] content, JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? JsonPaths.Root : e.Path;
        var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
        var column = e.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
        if (path.StartsWith("$.ReverseProxy", StringComparison.OrdinalIgnoreCase))
        {
            return new ConfigError(file, path, line, "the file's top level is the ReverseProxy section itself: put Routes and Clusters at the top level", column);
        }

        return new ConfigError(file, path, line, $"invalid JSON: {FirstSentence(e.Message)}", column);
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the error carries those already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
