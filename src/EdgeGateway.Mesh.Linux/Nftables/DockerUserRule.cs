using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// The one rule the agent keeps outside its own tables: an accept in Docker's <c>DOCKER-USER</c> chain (table
/// <c>ip filter</c>, kept by iptables-nft), Docker's documented place for user rules. Docker's FORWARD policy is
/// DROP and the accepts Docker would add for published ports (its DOCKER-INGRESS chain) are missing where its mesh
/// does not work, so an off-node client's packet, DNATed to the ingress sandbox, would be dropped on its way there.
/// The rule accepts exactly those packets: out through the bridge toward the sandbox, to a DNAT target address, on a
/// published port. It uses only matches iptables-nft can list (the port set shows as the comment), so
/// <c>iptables -L DOCKER-USER</c> and Docker's own iptables calls keep working. The comment identifies the agent's
/// rule and names its content, so an unchanged rule is recognised without parsing it back.
/// </summary>
internal static partial class DockerUserRule
{
    public const string Table = "ip filter";
    public const string Chain = "DOCKER-USER";
    public const string CommentPrefix = "edge-agent: ";

    // nft refuses longer comments
    private const int MaxComment = 128;

    /// <summary>The rules for the published ports: one per DNAT target address (on Docker, the ingress sandbox's).</summary>
    public static ImmutableArray<Rendered> Rules(string outInterface, IEnumerable<PublishedPortDnat> published)
    {
        if (!InterfaceName().IsMatch(outInterface))
        {
            throw new ArgumentException($"{Chain} rule: interface name '{outInterface}' is not a valid interface name");
        }

        return
        [
            .. published
                .GroupBy(p => Render.Ipv4(p.Target, $"published port {p}"))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => RenderOne(outInterface, g.Key, g.Select(p => (p.Protocol, p.TargetPort)))),
        ];
    }

    private static Rendered RenderOne(string outInterface, string target, IEnumerable<(L4Protocol Protocol, int Port)> ports)
    {
        var ordered = ports.Distinct().OrderBy(p => p.Protocol).ThenBy(p => p.Port).ToList();
        var match = $"oifname \"{outInterface}\" ip daddr {target} meta l4proto . th dport {{ {string.Join(", ", ordered.Select(p => $"{Render.Protocol(p.Protocol)} . {Render.Number(p.Port)}"))} }}";
        var comment = $"{CommentPrefix}published ports {string.Join(' ', ordered.Select(p => $"{Render.Protocol(p.Protocol)}/{Render.Number(p.Port)}"))} to {target} via {outInterface}";
        if (comment.Length > MaxComment)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(match)))[..12];
            comment = $"{CommentPrefix}{ordered.Count} published ports to {target} via {outInterface} #{hash}";
        }

        return new Rendered($"{match} accept comment \"{comment}\"", comment);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,15}$")]
    private static partial Regex InterfaceName();

    /// <summary>A rule's text (as nft's <c>insert rule</c> takes it) and its comment.</summary>
    public sealed record Rendered(string Rule, string Comment);
}
