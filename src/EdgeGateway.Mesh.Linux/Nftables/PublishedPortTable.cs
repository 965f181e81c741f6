using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// The host-side table for published ports: a map protocol . port -> sandbox address . port, used by DNAT rules on
/// the prerouting (remote clients) and output (local clients) hooks for local destinations only. Loopback clients
/// are masqueraded once DNAT sends them off the loopback device (with route_localnet on that device).
/// </summary>
internal static class PublishedPortTable
{
    public const string Family = "ip";
    public const string Name = "edge_ingress";
    public const string PublishedMap = "published";
    public const string Table = Family + " " + Name;

    public static readonly (string Chain, string Definition, string Rule)[] BaseChains =
    [
        ("prerouting", "type nat hook prerouting priority dstnat; policy accept;", $"fib daddr type local dnat ip to meta l4proto . th dport map @{PublishedMap}"),
        ("output", "type nat hook output priority -100; policy accept;", $"fib daddr type local dnat ip to meta l4proto . th dport map @{PublishedMap}"),
        ("postrouting", "type nat hook postrouting priority srcnat; policy accept;", "ip saddr 127.0.0.0/8 oifname != \"lo\" masquerade"),
    ];

    /// <summary>How the published-port table is rendered and read back.</summary>
    public static readonly TableLayout<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>> Layout = new(Family, Name, RenderFull, RenderDiff, Read);

    /// <summary>Validated entries keyed by what the kernel map is keyed by.</summary>
    public static ImmutableDictionary<(L4Protocol, int), PublishedPortDnat> Index(IEnumerable<PublishedPortDnat> entries)
    {
        var index = ImmutableDictionary.CreateBuilder<(L4Protocol, int), PublishedPortDnat>();
        foreach (var entry in entries)
        {
            var where = $"published port {entry}";
            Render.RequirePort(entry.PublishedPort, where);
            Render.RequirePort(entry.TargetPort, where);
            Render.Ipv4(entry.Target, where);
            if (!index.TryAdd((entry.Protocol, entry.PublishedPort), entry))
            {
                throw new ArgumentException($"{where}: {Render.Protocol(entry.Protocol)} port {entry.PublishedPort} is published twice");
            }
        }

        return index.ToImmutable();
    }

    public static void RenderFull(ImmutableDictionary<(L4Protocol, int), PublishedPortDnat> target, NftablesTransaction tx)
    {
        TableSkeleton.Render(Table, $"{PublishedMap} {{ type inet_proto . inet_service : ipv4_addr . inet_service; }}", BaseChains, tx);
        foreach (var entry in Ordered(target.Values))
        {
            tx.Add(AddElement(entry));
        }
    }

    public static void RenderDiff(
        ImmutableDictionary<(L4Protocol, int), PublishedPortDnat> current,
        ImmutableDictionary<(L4Protocol, int), PublishedPortDnat> target,
        NftablesTransaction tx)
    {
        foreach (var old in Ordered(current.Values))
        {
            if (!target.TryGetValue((old.Protocol, old.PublishedPort), out var now) || now != old)
            {
                tx.Add($"delete element {Table} {PublishedMap} {{ {Key(old)} }}");
            }
        }

        foreach (var entry in Ordered(target.Values))
        {
            if (!current.TryGetValue((entry.Protocol, entry.PublishedPort), out var old) || old != entry)
            {
                tx.Add(AddElement(entry));
            }
        }
    }

    /// <summary>The entries the kernel table holds; null when the table is not in the shape this code makes.</summary>
    public static ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>? Read(TableDump dump)
    {
        if (!dump.HasBaseChains(BaseChains.Select(b => b.Chain)) || !dump.Maps.TryGetValue(PublishedMap, out var elements))
        {
            return null;
        }

        var entries = new List<PublishedPortDnat>();
        foreach (var (key, value) in elements)
        {
            if (!key.TryGetProperty("concat", out var k) || !value.TryGetProperty("concat", out var v)
                || Render.ParseProtocol(k[0].GetString() ?? string.Empty) is not { } protocol
                || !IPAddress.TryParse(v[0].GetString(), out var target)
                || k[1].ValueKind != JsonValueKind.Number || v[1].ValueKind != JsonValueKind.Number)
            {
                return null;
            }

            entries.Add(new PublishedPortDnat(protocol, k[1].GetInt32(), target, v[1].GetInt32()));
        }

        return Index(entries);
    }

    private static string Key(PublishedPortDnat entry) => $"{Render.Protocol(entry.Protocol)} . {Render.Number(entry.PublishedPort)}";

    private static string AddElement(PublishedPortDnat entry) =>
        $"add element {Table} {PublishedMap} {{ {Key(entry)} : {entry.Target} . {Render.Number(entry.TargetPort)} }}";

    private static IEnumerable<PublishedPortDnat> Ordered(IEnumerable<PublishedPortDnat> entries) =>
        entries.OrderBy(e => e.Protocol).ThenBy(e => e.PublishedPort);
}
