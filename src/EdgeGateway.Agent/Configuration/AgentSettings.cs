namespace EdgeGateway.Agent.Configuration;

/// <summary>
/// Raw agent settings as written (in agent.json or on the command line), before conversion. Null means "not given".
/// </summary>
public sealed record AgentSettings
{
    public string? Node { get; init; }

    public string? UnderlayAddress { get; init; }

    public string? StateFile { get; init; }

    public string? Dataplane { get; init; }

    public string? AdminUrl { get; init; }

    public double? StatePollSeconds { get; init; }

    public string? SandboxLink { get; init; }

    public int? VxlanPort { get; init; }

    public string? ManagerUrl { get; init; }

    /// <summary>CIDRs or single addresses (the command line and EDGE_FEED_ALLOW give them comma-separated).</summary>
    public IReadOnlyList<string>? FeedAllow { get; init; }

    public string? FeedSocket { get; init; }
}
