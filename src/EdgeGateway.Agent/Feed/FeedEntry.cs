namespace EdgeGateway.Agent.Feed;

/// <summary>One published cluster state: its version (from its content) and the state document as served.</summary>
internal sealed record FeedEntry(string Version, string Json);
