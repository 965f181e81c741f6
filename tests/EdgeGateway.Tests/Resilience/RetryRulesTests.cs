using System.Net.Sockets;
using EdgeGateway.Resilience;
using Yarp.ReverseProxy.Forwarder;

namespace EdgeGateway.Tests.Resilience;

public sealed class RetryRulesTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("TRACE", true)]
    [InlineData("get", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    [InlineData("CONNECT", false)]
    public void IsIdempotent_Method_MatchesRfc9110(string method, bool expected) =>
        Assert.Equal(expected, RetryRules.IsIdempotent(method));

    [Theory]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void IsGatewayFailureStatus_Status_OnlyProxyFailures(int status, bool expected) =>
        Assert.Equal(expected, RetryRules.IsGatewayFailureStatus(status));

    [Theory]
    [InlineData(ForwarderError.Request, true)]
    [InlineData(ForwarderError.RequestTimedOut, false)]
    [InlineData(ForwarderError.RequestCanceled, false)]
    [InlineData(ForwarderError.ResponseBodyDestination, false)]
    [InlineData(ForwarderError.NoAvailableDestinations, false)]
    public void IsRetryableTransportError_Error_OnlyWhenNoAnswerCame(ForwarderError error, bool expected) =>
        Assert.Equal(expected, RetryRules.IsRetryableTransportError(error));

    [Theory]
    [InlineData(ForwarderError.Request, true)]
    [InlineData(ForwarderError.RequestTimedOut, true)]
    [InlineData(ForwarderError.ResponseBodyDestination, true)]
    [InlineData(ForwarderError.RequestCanceled, false)]
    [InlineData(ForwarderError.ResponseBodyClient, false)]
    [InlineData(ForwarderError.RequestBodyClient, false)]
    public void IsDestinationError_Error_BlamesDestinationNotClient(ForwarderError error, bool expected) =>
        Assert.Equal(expected, RetryRules.IsDestinationError(error));

    public static TheoryData<Exception, bool> ForwardingFailures => new()
    {
        { new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new HttpRequestException("wrapped", new SocketException((int)SocketError.HostUnreachable)), true },
        { new OperationCanceledException("connect timeout", new TimeoutException("connect timed out")), true },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "closed before a response"), false },
        { new HttpRequestException(HttpRequestError.Unknown, "reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), false },
    };

    [Theory]
    [MemberData(nameof(ForwardingFailures))]
    public void IsConnectFailure_RequestError_OnlyWhenNoConnectionWasMade(Exception exception, bool expected) =>
        Assert.Equal(expected, RetryRules.IsConnectFailure(new ForwarderErrorValue(ForwarderError.Request, exception)));

    [Fact]
    public void IsConnectFailure_OtherForwarderError_False() =>
        Assert.False(RetryRules.IsConnectFailure(new ForwarderErrorValue(ForwarderError.RequestCanceled, new HttpRequestException(HttpRequestError.ConnectionError, "x"))));

    [Fact]
    public void IsConnectFailure_ConnectTimeoutReportedAsTimedOut_True() =>
        Assert.True(RetryRules.IsConnectFailure(new ForwarderErrorValue(
            ForwarderError.RequestTimedOut, new TaskCanceledException("The connection attempt timed out", new TimeoutException("connect timed out")))));

    [Fact]
    public void IsConnectFailure_ResponseWaitTimedOut_False() =>
        Assert.False(RetryRules.IsConnectFailure(new ForwarderErrorValue(
            ForwarderError.RequestTimedOut, new TaskCanceledException("canceled", new IOException("aborted")))));

    private sealed record ForwarderErrorValue(ForwarderError Error, Exception? Exception) : IForwarderErrorFeature;
}
