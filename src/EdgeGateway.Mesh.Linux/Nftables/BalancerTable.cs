using System.Text;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// The balancer's own table: a verdict map keyed address . protocol . port sends new connections to a per-frontend
/// chain, which marks them for masquerade (replies must come back through this namespace) and DNATs to a backend.
/// A backend's refusal of a balanced connection (RST+ACK with sequence 0: the answer to a SYN where nothing listens,
/// e.g. a task whose process just died) is dropped, so the client retransmits its SYN, which conntrack then balances
/// again (a SYN on a closed entry starts a new one) instead of failing the connection.
/// </summary>
internal static class BalancerTable
{
    public const string Family = "ip";
    public const string Name = "edge_mesh";
    public const string ServicesMap = "services";
    public const string MasqueradeMark = "0x4000";
    public const string Table = Family + " " + Name;

    /// <summary>Fixed base chains and their one rule each, in creation order.</summary>
    public static readonly (string Chain, string Definition, string Rule)[] BaseChains =
    [
        ("prerouting", "type nat hook prerouting priority dstnat; policy accept;", $"ip daddr . meta l4proto . th dport vmap @{ServicesMap}"),
        ("output", "type nat hook output priority -100; policy accept;", $"ip daddr . meta l4proto . th dport vmap @{ServicesMap}"),
        ("postrouting", "type nat hook postrouting priority srcnat; policy accept;", $"meta mark & {MasqueradeMark} == {MasqueradeMark} masquerade"),
        ("refusals", "type filter hook prerouting priority mangle; policy accept;", "ct direction reply ct status dnat tcp flags & (fin | syn | rst | ack) == rst | ack tcp sequence 0 drop"),
    ];

    /// <summary>How the balancer table is rendered and read back.</summary>
    public static readonly TableLayout<BalancerRuleset> Layout = new(Family, Name, RenderFull, RenderDiff, BalancerTableReader.Read);

    /// <summary>Replaces whatever table is there with exactly <paramref name="ruleset"/>.</summary>
    public static void RenderFull(BalancerRuleset ruleset, NftablesTransaction tx)
    {
        TableSkeleton.Render(Table, $"{ServicesMap} {{ type ipv4_addr . inet_proto . inet_service : verdict; }}", BaseChains, tx);
        foreach (var chain in ruleset.Ordered)
        {
            AddService(chain, tx);
        }
    }

    /// <summary>
    /// Emits only what differs between the mirror and the target: map elements and the chains that changed. A chain
    /// the target shares with the mirror (the same instance, see <see cref="BalancerRuleset.Next"/>) is not compared.
    /// </summary>
    public static void RenderDiff(BalancerRuleset current, BalancerRuleset target, NftablesTransaction tx)
    {
        if (ReferenceEquals(current.Chains, target.Chains))
        {
            return;
        }

        foreach (var old in BalancerRuleset.Ordering(current.Chains.Values.Where(c => !target.Chains.ContainsKey(c.Frontend))))
        {
            RemoveService(old, tx);
        }

        var touched = target.Chains.Values.Where(c => !current.Chains.TryGetValue(c.Frontend, out var old) || !ReferenceEquals(old, c));
        foreach (var chain in BalancerRuleset.Ordering(touched))
        {
            if (!current.Chains.TryGetValue(chain.Frontend, out var old))
            {
                AddService(chain, tx);
            }
            else if (old.Name != chain.Name)
            {
                // the service behind this frontend changed: new chain, re-pointed element, old chain gone
                AddChain(chain, tx);
                tx.Add($"delete element {Table} {ServicesMap} {{ {Key(old.Frontend)} }}");
                tx.Add($"add element {Table} {ServicesMap} {{ {Key(chain.Frontend)} : goto {chain.Name} }}");
                DeleteChain(old, tx);
            }
            else if (!old.Equals(chain))
            {
                tx.Add($"flush chain {Table} {chain.Name}");
                AddRules(chain, tx);
            }
        }
    }

    public static string Key(Frontend frontend) =>
        $"{frontend.Address} . {Render.Protocol(frontend.Protocol)} . {Render.Number(frontend.Port)}";

    /// <summary>The rules of a service chain; a frontend with no backend taking new connections refuses them.</summary>
    public static IEnumerable<string> Rules(ServiceChain chain)
    {
        if (chain.Backends.IsEmpty)
        {
            yield return "reject";
            yield break;
        }

        yield return $"meta mark set meta mark | {MasqueradeMark}";
        var total = chain.Backends.Sum(b => b.Weight);
        var choice = chain.Scheduler == Scheduler.ConsistentHash
            ? $"jhash ip saddr mod {Render.Number(total)}"
            : $"numgen random mod {Render.Number(total)}";
        var slots = new StringBuilder();
        var from = 0;
        foreach (var backend in chain.Backends)
        {
            var to = from + backend.Weight - 1;
            slots.Append(slots.Length == 0 ? string.Empty : ", ")
                .Append(from == to ? Render.Number(from) : $"{Render.Number(from)}-{Render.Number(to)}")
                .Append(" : ").Append(backend.Address).Append(" . ").Append(Render.Number(backend.Port));
            from = to + 1;
        }

        yield return $"meta l4proto {Render.Protocol(chain.Frontend.Protocol)} dnat ip to {choice} map {{ {slots} }}";
    }

    private static void AddService(ServiceChain chain, NftablesTransaction tx)
    {
        AddChain(chain, tx);
        tx.Add($"add element {Table} {ServicesMap} {{ {Key(chain.Frontend)} : goto {chain.Name} }}");
    }

    private static void AddChain(ServiceChain chain, NftablesTransaction tx)
    {
        tx.Add($"add chain {Table} {chain.Name}");
        AddRules(chain, tx);
    }

    private static void AddRules(ServiceChain chain, NftablesTransaction tx)
    {
        foreach (var rule in Rules(chain))
        {
            tx.Add($"add rule {Table} {chain.Name} {rule}");
        }
    }

    private static void RemoveService(ServiceChain chain, NftablesTransaction tx)
    {
        tx.Add($"delete element {Table} {ServicesMap} {{ {Key(chain.Frontend)} }}");
        DeleteChain(chain, tx);
    }

    private static void DeleteChain(ServiceChain chain, NftablesTransaction tx)
    {
        tx.Add($"flush chain {Table} {chain.Name}");
        tx.Add($"delete chain {Table} {chain.Name}");
    }
}
