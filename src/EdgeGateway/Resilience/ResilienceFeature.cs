namespace EdgeGateway.Resilience;

/// <summary>HttpContext feature through which the response transform finds the request's resilience state.</summary>
internal sealed record ResilienceFeature(ResilientRequest Request);
