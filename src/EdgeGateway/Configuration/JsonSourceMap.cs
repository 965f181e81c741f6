using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary>
/// Where each property of a JSON document starts (1-based line), by JSON path, plus the properties
/// that appear twice in one object (compared case-insensitively, as route and cluster ids are).
/// </summary>
internal sealed class JsonSourceMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Parent, string Name, int Line)> _duplicates = [];

    private JsonSourceMap()
    {
    }

    /// <summary>Properties seen more than once in the same object, in document order.</summary>
    public IReadOnlyList<(string Parent, string Name, int Line)> Duplicates => _duplicates;

    /// <summary>The line of <paramref name="path"/>, or of its nearest mapped ancestor.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>Maps a syntactically valid document; call only after it parsed.</summary>
    public static JsonSourceMap Build(ReadOnlySpan<byte> json)
    {
        var map = new JsonSourceMap();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var lineStarts = LineStarts(json);
        var containers = new Stack<(string Path, HashSet<string> Names, bool IsArray, int Index)>();
        string? pendingProperty = null;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var (parentPath, names, _, _) = containers.Peek();
                    pendingProperty = reader.GetString()!;
                    var line = LineAt(lineStarts, reader.TokenStartIndex);
                    if (!names.Add(pendingProperty))
                    {
                        map._duplicates.Add((parentPath, pendingProperty, line));
                    }

                    map._lines.TryAdd(JsonPaths.Child(parentPath, pendingProperty), line);
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    containers.Push((ValuePath(containers, pendingProperty), new HashSet<string>(StringComparer.OrdinalIgnoreCase), reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    AdvanceArray(containers);
                    break;
                default:
                    AdvanceArray(containers);
                    break;
            }

            pendingProperty = null;
        }

        return map;
    }

    private static string ValuePath(Stack<(string Path, HashSet<string> Names, bool IsArray, int Index)> containers, string? property)
    {
        if (containers.Count == 0)
        {
            return JsonPaths.Root;
        }

        var parent = containers.Peek();
        return parent.IsArray ? $"{parent.Path}[{parent.Index}]" : JsonPaths.Child(parent.Path, property);
    }

    private static void AdvanceArray(Stack<(string Path, HashSet<string> Names, bool IsArray, int Index)> containers)
    {
        if (containers.Count > 0 && containers.Peek().IsArray)
        {
            var top = containers.Pop();
            containers.Push(top with { Index = top.Index + 1 });
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> json)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineAt(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
