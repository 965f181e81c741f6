namespace EdgeGateway.Admin;

/// <summary>The /status document.</summary>
internal sealed record StatusReport(ConfigReport Config, IReadOnlyList<RouteReport> Routes, IReadOnlyList<ClusterReport> Clusters, IReadOnlyList<DnsReport> Dns, AgentFeedReport AgentFeed);

internal sealed record ConfigReport(string File, bool Loaded, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, IReadOnlyList<string> LastErrors);

internal sealed record RouteReport(string Id, string? Cluster, string? Path, IReadOnlyList<string>? Hosts, IReadOnlyList<string>? Methods, int? Order);

internal sealed record ClusterReport(string Id, string? EndpointMode, IReadOnlyList<DestinationReport> Destinations);

internal sealed record DestinationReport(string Id, string Address, string Health, string Active, string Passive);

internal sealed record DnsReport(string Service, string Mode, string Name, int Port, IReadOnlyList<string> Addresses, IReadOnlyList<string> Excluded, string? LastOutcome, double? TtlSeconds, string? LastError, DateTimeOffset? LastLookup);

internal sealed record AgentFeedReport(string? Endpoint, bool Following, string? Version, DateTimeOffset? LastUpdate, string? LastError);
