namespace EdgeGateway;

/// <summary>Log event ids, in one place so that they stay unique.</summary>
internal static class EventIds
{
    public const int ConfigLoaded = 1;
    public const int ConfigReloaded = 2;
    public const int ConfigRejected = 3;
    public const int ConfigWatchFailed = 4;
    public const int DnsChanged = 10;
    public const int DnsFailed = 11;
    public const int DnsRefreshRequested = 12;
    public const int AgentFeedFollowing = 13;
    public const int AgentFeedLost = 14;
    public const int Draining = 20;
    public const int DrainDone = 21;
    public const int ClientAbandoned = 30;
}
