namespace EdgeGateway.Resilience;

/// <summary>What the selector left for an attempt: whether another destination would remain, and a trial to settle.</summary>
internal readonly record struct DestinationChoice(bool HasAlternative, CircuitTrial? Trial);
