using EdgeGateway.Resilience;

namespace EdgeGateway.Tests.Resilience;

public sealed class ResilienceOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new ResilienceOptionsValidator().Validate(null, new ResilienceOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_EveryValueOutOfRange_ReportsEachByItsPath()
    {
        var options = new ResilienceOptions
        {
            MaxRetries = -1,
            MaxBufferedBodyBytes = -5,
            RetryDelay = TimeSpan.FromSeconds(11),
            CircuitBreaker = new CircuitBreakerOptions
            {
                FailureRatio = 0,
                MinimumThroughput = 1,
                SamplingDuration = TimeSpan.FromMilliseconds(100),
                BreakDuration = TimeSpan.Zero,
            },
        };

        var result = new ResilienceOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Resilience:MaxRetries must be between 0 and 10, got -1.",
                "Resilience:MaxBufferedBodyBytes must not be negative, got -5.",
                "Resilience:RetryDelay must be between 00:00:00 and 00:00:10, got 00:00:11.",
                "Resilience:CircuitBreaker:FailureRatio must be above 0 and at most 1, got 0.",
                "Resilience:CircuitBreaker:MinimumThroughput must be at least 2, got 1.",
                "Resilience:CircuitBreaker:SamplingDuration must be at least 00:00:00.5, got 00:00:00.1000000.",
                "Resilience:CircuitBreaker:BreakDuration must be at least 00:00:00.5, got 00:00:00.",
            ],
            result.Failures);
    }
}
