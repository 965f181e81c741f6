using System.CommandLine;
using EdgeGateway.Agent.Configuration;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// Options every command takes; each overrides the same field of the config file. --feed-allow may also come from the
/// environment (<paramref name="environment"/>: the process's, by default), as a stack file sets it most easily there.
/// </summary>
internal sealed class CommonOptions(Func<string, string?> environment)
{
    /// <summary>The environment variable that gives --feed-allow when the option is not on the command line.</summary>
    public const string FeedAllowVariable = "EDGE_FEED_ALLOW";

    public CommonOptions()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public Option<string?> Config { get; } = new("--config") { Description = $"Agent config file (default {AgentOptions.DefaultConfigPath}, if present)", Recursive = true };

    public Option<string?> Node { get; } = new("--node") { Description = "This node's name in the cluster state", Recursive = true };

    public Option<string?> Underlay { get; } = new("--underlay") { Description = "This node's underlay address (must match the cluster state)", Recursive = true };

    public Option<string?> State { get; } = new("--state") { Description = "Cluster state file (JSON)", Recursive = true };

    public Option<string?> Dataplane { get; } = new("--dataplane") { Description = "Balancer: auto, nftables, ipvs, or none (Docker source only: follow and publish the cluster state, program nothing)", Recursive = true };

    public Option<string?> AdminUrl { get; } = new("--admin-url") { Description = "Where /metrics and /healthz listen", Recursive = true };

    public Option<string?> ManagerUrl { get; } = new("--manager-url") { Description = "On a swarm worker: the manager agent's admin URL to read the cluster state from (default: the managers `docker info` lists, at the admin port)", Recursive = true };

    public Option<string?> FeedAllow { get; } = new("--feed-allow") { Description = $"Comma-separated CIDRs or addresses besides loopback and the swarm's nodes that may read /v1/cluster-state (env {FeedAllowVariable})", Recursive = true };

    public Option<string?> FeedSocket { get; } = new("--feed-socket") { Description = "A Unix socket on which the admin endpoints also listen, for readers on this node (e.g. the gateway, through a shared volume)", Recursive = true };

    public IEnumerable<Option> All => [Config, Node, Underlay, State, Dataplane, AdminUrl, ManagerUrl, FeedAllow, FeedSocket];

    /// <summary>
    /// The agent options: config file first, then what the command line says. <paramref name="node"/> names this
    /// node when its state source knows it (Docker) and --node does not say otherwise.
    /// </summary>
    public AgentOptions Load(ParseResult parse, string? node = null)
    {
        var config = parse.GetValue(Config);
        return AgentOptionsLoader.Load(config ?? AgentOptions.DefaultConfigPath, configRequired: config is not null, new AgentSettings
        {
            Node = parse.GetValue(Node) ?? node,
            UnderlayAddress = parse.GetValue(Underlay),
            StateFile = parse.GetValue(State),
            Dataplane = parse.GetValue(Dataplane),
            AdminUrl = parse.GetValue(AdminUrl),
            ManagerUrl = parse.GetValue(ManagerUrl),
            FeedAllow = CommaList(parse.GetValue(FeedAllow) ?? environment(FeedAllowVariable)),
            FeedSocket = parse.GetValue(FeedSocket),
        });
    }

    /// <summary>Null (not given) for a missing or blank value, else its comma-separated entries.</summary>
    private static string[]? CommaList(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
