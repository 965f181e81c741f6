using Yarp.ReverseProxy.Model;

namespace EdgeGateway.Resilience;

/// <summary>
/// Narrows YARP's available destinations for the next attempt: never one already tried, never one whose circuit is
/// open, except a single half-open trial which then gets the attempt to itself. A VIP is the exception: behind it
/// every new connection is a new choice of task, so it stays available to every attempt.
/// </summary>
internal sealed class DestinationSelector(DestinationBreakers breakers)
{
    public async ValueTask<DestinationChoice> SelectAsync(ResilientRequest request)
    {
        if (request.BehindVip)
        {
            request.Proxy.AvailableDestinations = request.Destinations;
            return new DestinationChoice(HasAlternative: request.Destinations.Count > 0, Trial: null);
        }

        if (request.Attempts == 0 && AllClosed(request))
        {
            // The common case: YARP's own list stands, nothing to allocate.
            request.Proxy.AvailableDestinations = request.Destinations;
            return new DestinationChoice(HasAlternative: request.Destinations.Count > 1, Trial: null);
        }

        var closed = new List<DestinationState>(request.Destinations.Count);
        var open = new List<DestinationState>();
        foreach (var destination in request.Destinations)
        {
            if (request.WasTried(destination))
            {
                continue;
            }

            (breakers.IsClosed(request.ClusterId, destination.DestinationId) ? closed : open).Add(destination);
        }

        // Trials go to requests that can be retried elsewhere, unless nothing else is left anyway.
        if (open.Count > 0 && (request.RetryEligible || closed.Count == 0))
        {
            foreach (var destination in open)
            {
                var breaker = breakers.Find(request.ClusterId, destination.DestinationId);
                if (breaker is not null && await breaker.TryBeginTrialAsync().ConfigureAwait(false) is { } trial)
                {
                    request.Proxy.AvailableDestinations = destination;
                    return new DestinationChoice(HasAlternative: closed.Count > 0, trial);
                }
            }
        }

        request.Proxy.AvailableDestinations = closed;
        return new DestinationChoice(HasAlternative: closed.Count > 1, Trial: null);
    }

    private bool AllClosed(ResilientRequest request)
    {
        foreach (var destination in request.Destinations)
        {
            if (!breakers.IsClosed(request.ClusterId, destination.DestinationId))
            {
                return false;
            }
        }

        return true;
    }
}
