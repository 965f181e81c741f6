using System.Net.Sockets;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>Turns what HttpClient threw, or the status it got, into a <see cref="Failure"/>.</summary>
public static class FailureClassifier
{
    public static Failure? FromStatus(int status, string body) =>
        status is >= 200 and < 300 ? null : new Failure(FailureKind.Status, status, Shorten(body));

    public static Failure FromException(Exception exception)
    {
        var detail = Describe(exception);
        // The socket error is the most precise witness; HttpClient wraps it in one or two layers.
        foreach (var inner in Chain(exception))
        {
            switch (inner)
            {
                case TimeoutException or OperationCanceledException:
                    return new Failure(FailureKind.Timeout, null, detail);
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown }:
                    return new Failure(FailureKind.Reset, null, detail);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown }:
                    return new Failure(FailureKind.Connection, null, detail);
            }
        }

        return exception switch
        {
            HttpRequestException http => FromHttpError(http.HttpRequestError, detail),
            HttpIOException io => FromHttpError(io.HttpRequestError, detail),
            IOException => new Failure(FailureKind.Reset, null, detail),
            _ => new Failure(FailureKind.Other, null, detail),
        };
    }

    private static Failure FromHttpError(HttpRequestError error, string detail) => error switch
    {
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError => new Failure(FailureKind.Connection, null, detail),
        // The server side went away after the request was sent: a closed or reset connection mid-exchange.
        HttpRequestError.ResponseEnded => new Failure(FailureKind.Reset, null, detail),
        _ => new Failure(FailureKind.Other, null, detail),
    };

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string Describe(Exception exception) =>
        Shorten(string.Join(" <- ", Chain(exception).Select(e => $"{e.GetType().Name}: {e.Message}")));

    private static string Shorten(string text) => text.Length <= 300 ? text.Trim() : text[..300].Trim() + "...";
}
