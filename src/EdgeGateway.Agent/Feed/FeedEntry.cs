using System.Collections.Immutable;
using System.Net;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// One published cluster state: its version (from its content), the state document as served, and its nodes'
/// underlay addresses (the agents allowed to read it).
/// </summary>
internal sealed record FeedEntry(string Version, string Json, ImmutableArray<IPAddress> NodeAddresses);
