namespace EdgeGateway.Resilience;

/// <summary>Per-destination circuit breaker settings (<c>Resilience:CircuitBreaker</c>).</summary>
internal sealed record CircuitBreakerOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    public int MinimumThroughput { get; init; } = 5;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open destination gets no traffic before one trial request is let through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);
}
