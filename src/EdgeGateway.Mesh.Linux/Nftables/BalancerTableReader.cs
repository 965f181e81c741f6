using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Reads the balancer table back from nft's JSON into the ruleset it was made from, so a restarted agent adopts it
/// unchanged. Anything it does not recognise makes it answer null: the caller then rebuilds the table whole.
/// </summary>
internal static class BalancerTableReader
{
    public static BalancerRuleset? Read(TableDump dump)
    {
        if (!dump.HasBaseChains(BalancerTable.BaseChains.Select(b => b.Chain))
            || !dump.Maps.TryGetValue(BalancerTable.ServicesMap, out var elements))
        {
            return null;
        }

        var chains = ImmutableDictionary.CreateBuilder<Frontend, ServiceChain>();
        foreach (var (key, value) in elements)
        {
            var frontend = ReadFrontend(key);
            var name = value.TryGetProperty("goto", out var jump) ? jump.GetProperty("target").GetString() : null;
            if (frontend is null || name is null || !dump.Chains.TryGetValue(name, out var rules))
            {
                return null;
            }

            var chain = ReadChain(name, frontend, rules);
            if (chain is null || !chains.TryAdd(frontend, chain))
            {
                return null;
            }
        }

        // a generated chain that no map element points at is not something this dataplane would leave
        var referenced = chains.Values.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return dump.Chains.Keys.Any(n => ChainNames.IsService(n) && !referenced.Contains(n))
            ? null
            : new BalancerRuleset(chains.ToImmutable());
    }

    private static Frontend? ReadFrontend(JsonElement key)
    {
        if (!key.TryGetProperty("concat", out var parts) || parts.GetArrayLength() != 3
            || !IPAddress.TryParse(parts[0].GetString(), out var address)
            || Render.ParseProtocol(parts[1].GetString() ?? string.Empty) is not { } protocol
            || parts[2].ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return new Frontend(address, protocol, parts[2].GetInt32());
    }

    private static ServiceChain? ReadChain(string name, Frontend frontend, ImmutableArray<JsonElement> rules)
    {
        if (rules.Length == 1 && rules[0].GetArrayLength() == 1 && rules[0][0].TryGetProperty("reject", out _))
        {
            return new ServiceChain(name, frontend, Scheduler.RoundRobin, []);
        }

        if (rules.Length != 2)
        {
            return null;
        }

        var dnat = rules[1].EnumerateArray().Where(e => e.TryGetProperty("dnat", out _)).Select(e => e.GetProperty("dnat")).FirstOrDefault();
        if (dnat.ValueKind != JsonValueKind.Object || !dnat.TryGetProperty("addr", out var addr) || !addr.TryGetProperty("map", out var map))
        {
            return null;
        }

        var choice = map.GetProperty("key");
        var (scheduler, modulus) = choice.TryGetProperty("numgen", out var numgen) ? (Scheduler.RoundRobin, numgen.GetProperty("mod").GetInt32())
            : choice.TryGetProperty("jhash", out var jhash) ? (Scheduler.ConsistentHash, jhash.GetProperty("mod").GetInt32())
            : (Scheduler.RoundRobin, -1);
        var backends = modulus > 0 ? ReadSlots(map.GetProperty("data"), modulus) : null;
        return backends is null ? null : new ServiceChain(name, frontend, scheduler, backends.Value);
    }

    /// <summary>Slots <c>from-to : address . port</c> back to weighted backends; they must tile 0..modulus-1.</summary>
    private static ImmutableArray<Backend>? ReadSlots(JsonElement data, int modulus)
    {
        if (!data.TryGetProperty("set", out var set))
        {
            return null;
        }

        var slots = new List<(int From, int To, Backend Backend)>();
        foreach (var pair in set.EnumerateArray())
        {
            var (from, to) = pair[0].ValueKind == JsonValueKind.Number
                ? (pair[0].GetInt32(), pair[0].GetInt32())
                : (pair[0].GetProperty("range")[0].GetInt32(), pair[0].GetProperty("range")[1].GetInt32());
            if (!pair[1].TryGetProperty("concat", out var target) || !IPAddress.TryParse(target[0].GetString(), out var address))
            {
                return null;
            }

            slots.Add((from, to, new Backend(address, target[1].GetInt32(), to - from + 1)));
        }

        slots.Sort((a, b) => a.From.CompareTo(b.From));
        var next = 0;
        foreach (var slot in slots)
        {
            if (slot.From != next)
            {
                return null;
            }

            next = slot.To + 1;
        }

        return next == modulus ? [.. slots.Select(s => s.Backend)] : null;
    }
}
