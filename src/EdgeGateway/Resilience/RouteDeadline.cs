namespace EdgeGateway.Resilience;

/// <summary>
/// A route's overall time budget for one request (see <see cref="RouteTimeout"/>): cancels the attempts, the backoff
/// and the response copy when it runs out. Lifted for connections upgraded to WebSockets, which live on their own terms.
/// </summary>
internal sealed class RouteDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;
    private readonly CancellationToken _clientAborted;
    private volatile bool _expired;

    public RouteDeadline(TimeSpan timeout, TimeProvider time, CancellationToken clientAborted)
    {
        _clientAborted = clientAborted;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = new CancellationTokenSource(timeout, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, _timer.Token);
            // Judged when the budget runs out: the proxy then cuts a response already started, which aborts the client
            // connection too, and that must not make the expiry look like the client leaving.
            _timer.Token.Register(() => _expired = !_clientAborted.IsCancellationRequested);
        }
    }

    /// <summary>Cancelled when the client goes away or the budget runs out.</summary>
    public CancellationToken Token => _linked?.Token ?? _clientAborted;

    /// <summary>The budget ran out while the client was still there.</summary>
    public bool Expired => _expired;

    public void Lift() => _timer?.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
