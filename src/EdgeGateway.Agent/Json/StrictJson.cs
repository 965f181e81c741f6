using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Agent.Json;

/// <summary>
/// How the agent reads its JSON files (config and cluster state): comments and trailing commas are allowed so people
/// can edit them by hand, unknown fields are refused so a misspelt one is not silently ignored.
/// </summary>
internal static class StrictJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>How the agent writes state documents for other agents: the same names, absent values left out.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Where a parse error is and what it is, e.g. <c>nodes[0].address (line 2): The JSON value could not be converted…</c>.</summary>
    public static string Describe(JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var where = error.Path is null ? string.Empty : $"{error.Path.TrimStart('$', '.')} ";
        return $"{where}(line {error.LineNumber + 1}): {FirstSentence(error.Message)}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
