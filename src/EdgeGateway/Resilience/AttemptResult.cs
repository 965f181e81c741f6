namespace EdgeGateway.Resilience;

/// <summary>How one forwarding attempt ended, as far as retries and the destination's circuit care.</summary>
internal enum AttemptResult
{
    /// <summary>The destination answered with something other than a gateway failure.</summary>
    Answered,

    /// <summary>The destination could not be reached or answered 502/503/504.</summary>
    DestinationFailed,

    /// <summary>Nothing to say about the destination: none was picked, or the client went away.</summary>
    Inconclusive,
}
