using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Load;

/// <summary>Failures produced by a real HttpClient against a real loopback server, classified.</summary>
public sealed class FailureClassifierTests
{
    [Fact]
    public async Task FromException_PortClosed_IsConnection()
    {
        var failure = FailureClassifier.FromException(await ThrownAsync(LoopbackHttpServer.ClosedPortUrl("/")));

        Assert.Equal(FailureKind.Connection, failure.Kind);
        Assert.Equal("connection", failure.Column);
    }

    [Fact]
    public async Task FromException_ServerResetsAfterTheRequest_IsReset()
    {
        await using var server = new LoopbackHttpServer();

        var failure = FailureClassifier.FromException(await ThrownAsync(server.Url("/reset")));

        Assert.Equal(FailureKind.Reset, failure.Kind);
    }

    [Fact]
    public async Task FromException_NoAnswerWithinTheTimeout_IsTimeout()
    {
        await using var server = new LoopbackHttpServer();

        var failure = FailureClassifier.FromException(await ThrownAsync(server.Url("/hang"), timeoutMs: 500));

        Assert.Equal(FailureKind.Timeout, failure.Kind);
        Assert.Equal("timeout", failure.Column);
    }

    [Fact]
    public void FromStatus_Success_IsNoFailure()
    {
        Assert.Null(FailureClassifier.FromStatus(200, "ok"));
        Assert.Null(FailureClassifier.FromStatus(204, string.Empty));
    }

    [Fact]
    public void FromStatus_BadGateway_IsStatusWithTheCodeAsColumn()
    {
        var failure = FailureClassifier.FromStatus(502, "upstream gone\n");

        Assert.Equal(new Failure(FailureKind.Status, 502, "upstream gone"), failure);
        Assert.Equal("502", failure!.Column);
    }

    /// <summary>The exception of one GET; the timeout is long unless a test wants one (a busy machine is slow to reset).</summary>
    private static async Task<Exception> ThrownAsync(Uri url, int timeoutMs = 30_000)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(timeoutMs) };
        return await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        });
    }
}
