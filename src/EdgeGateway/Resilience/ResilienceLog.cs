using Polly.CircuitBreaker;

namespace EdgeGateway.Resilience;

/// <summary>Log messages of the resilience feature; event ids 3000-3099 belong here.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(3000, LogLevel.Debug, "Retrying route '{Route}' on cluster '{Cluster}' after attempt {Attempt} failed ({Result}).")]
    public static partial void Retrying(ILogger logger, string route, string cluster, int attempt, AttemptResult result);

    [LoggerMessage(3001, LogLevel.Warning, "Route '{Route}' on cluster '{Cluster}' failed after {Attempts} attempt(s) with no retry left.")]
    public static partial void RetryExhausted(ILogger logger, string route, string cluster, int attempts);

    [LoggerMessage(3002, LogLevel.Warning, "Circuit of destination '{Destination}' in cluster '{Cluster}' is now {State}.")]
    public static partial void CircuitStateChanged(ILogger logger, string cluster, string destination, CircuitState state);

    [LoggerMessage(3003, LogLevel.Warning, "Route '{Route}' on cluster '{Cluster}' timed out.")]
    public static partial void RouteTimedOut(ILogger logger, string route, string cluster);
}
