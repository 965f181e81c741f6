namespace EdgeGateway.Resilience;

/// <summary>The result of one attempt and whether the next attempt should run.</summary>
internal readonly record struct AttemptOutcome(AttemptResult Result, bool RetryRequested);
