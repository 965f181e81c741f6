using System.Net.Sockets;
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

    /// <summary>
    /// The connection to the destination could not be established (refused, unreachable, connect timeout): nothing of
    /// the request was sent, so it may go to another destination whatever its method, and its body is still unread.
    /// Walks the exception chain without allocating. A connect timeout (SocketsHttpHandler's <c>ConnectTimeout</c>) comes
    /// as a cancellation around a <see cref="TimeoutException"/>, which YARP reports as <c>RequestTimedOut</c>; YARP's own
    /// activity timeout, reported the same way, has no <see cref="TimeoutException"/> in its chain.
    /// </summary>
    public static bool IsConnectFailure(IForwarderErrorFeature? error) =>
        error is { Error: ForwarderError.Request or ForwarderError.RequestTimedOut } && IsConnectFailure(error.Exception);

    public static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or TimeoutException
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Errors that say the destination is unwell, as opposed to the client going away.</summary>
    public static bool IsDestinationError(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseBodyDestination;
}
