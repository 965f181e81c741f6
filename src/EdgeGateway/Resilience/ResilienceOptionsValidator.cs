using Microsoft.Extensions.Options;

namespace EdgeGateway.Resilience;

/// <summary>Reports every invalid <c>Resilience</c> setting at once, each named by its configuration path.</summary>
internal sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        var errors = new List<string>();
        const string Section = ResilienceOptions.SectionName;
        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{Section}:MaxRetries must be between 0 and 10, got {options.MaxRetries}.");
        }

        if (options.MaxBufferedBodyBytes < 0)
        {
            errors.Add($"{Section}:MaxBufferedBodyBytes must not be negative, got {options.MaxBufferedBodyBytes}.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{Section}:RetryDelay must be between 00:00:00 and 00:00:10, got {options.RetryDelay}.");
        }

        var breaker = options.CircuitBreaker;
        if (breaker.FailureRatio is <= 0 or > 1)
        {
            errors.Add($"{Section}:CircuitBreaker:FailureRatio must be above 0 and at most 1, got {breaker.FailureRatio}.");
        }

        if (breaker.MinimumThroughput < 2)
        {
            errors.Add($"{Section}:CircuitBreaker:MinimumThroughput must be at least 2, got {breaker.MinimumThroughput}.");
        }

        if (breaker.SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Section}:CircuitBreaker:SamplingDuration must be at least 00:00:00.5, got {breaker.SamplingDuration}.");
        }

        if (breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Section}:CircuitBreaker:BreakDuration must be at least 00:00:00.5, got {breaker.BreakDuration}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
