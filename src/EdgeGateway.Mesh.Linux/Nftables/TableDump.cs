using System.Collections.Immutable;
using System.Text.Json;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// One table as <c>nft -j list table</c> prints it: map elements by map name and rule expressions by chain name
/// (chains without rules included), in kernel order.
/// </summary>
internal sealed record TableDump(
    ImmutableDictionary<string, ImmutableArray<(JsonElement Key, JsonElement Value)>> Maps,
    ImmutableDictionary<string, ImmutableArray<JsonElement>> Chains)
{
    public static TableDump Parse(string json, string table)
    {
        using var document = JsonDocument.Parse(json);
        var maps = ImmutableDictionary.CreateBuilder<string, ImmutableArray<(JsonElement, JsonElement)>>(StringComparer.Ordinal);
        var chains = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("map", out var map) && Str(map, "table") == table)
            {
                maps[Str(map, "name")] = map.TryGetProperty("elem", out var elems)
                    ? [.. elems.EnumerateArray().Select(e => (e[0].Clone(), e[1].Clone()))]
                    : [];
            }
            else if (item.TryGetProperty("chain", out var chain) && Str(chain, "table") == table)
            {
                chains.TryAdd(Str(chain, "name"), []);
            }
            else if (item.TryGetProperty("rule", out var rule) && Str(rule, "table") == table)
            {
                var name = Str(rule, "chain");
                chains.TryAdd(name, []);
                chains[name].Add(rule.GetProperty("expr").Clone());
            }
        }

        return new TableDump(
            maps.ToImmutable(),
            chains.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal));
    }

    /// <summary>True when every fixed chain is there holding exactly its one rule.</summary>
    public bool HasBaseChains(IEnumerable<string> names) =>
        names.All(n => Chains.TryGetValue(n, out var rules) && rules.Length == 1);

    private static string Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
