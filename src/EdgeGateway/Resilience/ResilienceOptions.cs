namespace EdgeGateway.Resilience;

/// <summary>Options bound from the <c>Resilience</c> configuration section (see docs/resilience.md).</summary>
internal sealed record ResilienceOptions
{
    public const string SectionName = "Resilience";

    /// <summary>Retries after the first attempt, each on a destination not tried yet; 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Request bodies up to this size are buffered so they can be replayed; larger ones are never retried.</summary>
    public int MaxBufferedBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Base delay before a retry; doubles per retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();
}
