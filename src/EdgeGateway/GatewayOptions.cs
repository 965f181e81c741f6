using System.Net;
using EdgeGateway.Discovery.AgentFeed;

namespace EdgeGateway;

/// <summary>The gateway's command-line options (each also settable by an environment variable).</summary>
internal sealed record GatewayOptions
{
    /// <summary>--routes / EDGE_ROUTES: the routes file.</summary>
    public string RoutesFile { get; init; } = "config/routes.json";

    /// <summary>--urls / ASPNETCORE_URLS: the public listener (proxy only).</summary>
    public IReadOnlyList<string> PublicUrls { get; init; } = ["http://0.0.0.0:8080"];

    /// <summary>--admin-urls / EDGE_ADMIN_URLS: the admin listener (metrics, health, status only).</summary>
    public IReadOnlyList<string> AdminUrls { get; init; } = ["http://0.0.0.0:8081"];

    /// <summary>--dns / EDGE_DNS: the DNS server for swarm names; null means the system resolver.</summary>
    public IPEndPoint? DnsServer { get; init; }

    /// <summary>--dns-refresh / EDGE_DNS_REFRESH: how often swarm names are re-resolved.</summary>
    public TimeSpan DnsRefresh { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// --agent-feed / EDGE_AGENT_FEED: the node agent's cluster state (its --feed-socket file, or its admin URL), followed
    /// so that leaving tasks leave the DNSRR view as Docker's events report them; null: DNS alone.
    /// </summary>
    public AgentFeedEndpoint? AgentFeed { get; init; }

    /// <summary>
    /// --connect-timeout / EDGE_CONNECT_TIMEOUT: how long a connection to an upstream may take to open. A task on the
    /// overlay answers a SYN in well under a millisecond; a task that died leaves its address silent, so only a short
    /// bound lets the retry reach a live task before the client gives up.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// --upstream-ack-timeout / EDGE_UPSTREAM_ACK_TIMEOUT: how long data sent to an upstream may stay unacknowledged before
    /// the connection is given up (0: the kernel's default). A killed task answers nothing, not even a reset.
    /// </summary>
    public TimeSpan UnacknowledgedTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>--drain-delay / EDGE_DRAIN_DELAY: after SIGTERM, how long to stay up, not ready but serving, before the listeners close.</summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>--trusted-networks / EDGE_TRUSTED_NETWORKS: clients whose own X-Forwarded-* headers are kept.</summary>
    public IReadOnlyList<IPNetwork> TrustedNetworks { get; init; } = [];
}
