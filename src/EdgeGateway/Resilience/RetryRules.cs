using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Resilience;

/// <summary>Which requests may be replayed and which attempt results count against a destination.</summary>
internal static class RetryRules
{
    /// <summary>Methods that RFC 9110 defines as idempotent: replaying them cannot change the outcome.</summary>
    public static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);

    /// <summary>Answers a proxy gives when the destination behind it is down or overloaded; 500 and 4xx are the app's own.</summary>
    public static bool IsGatewayFailureStatus(int status) =>
        status is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout;

    /// <summary>The request never got an answer from the destination (refused, reset, closed before a response).</summary>
    public static bool IsRetryableTransportError(ForwarderError error) => error == ForwarderError.Request;

    /// <summary>Errors that say the destination is unwell, as opposed to the client going away.</summary>
    public static bool IsDestinationError(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseBodyDestination;
}
