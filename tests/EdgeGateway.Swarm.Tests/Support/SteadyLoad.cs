using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// A fixed number of clients sending requests until stopped, each going round every target in turn (GETs, and POSTs
/// with a small body). Even-numbered clients keep connections alive (recycled every <see cref="KeepAliveLifetime"/>),
/// odd-numbered ones open a new connection per request. Every answer and failure is counted per phase; ending a phase
/// (and stopping) writes its table to the test log. Every request's timing is kept too, for a look at what happened
/// around one moment (a kill).
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    public static readonly TimeSpan KeepAliveLifetime = TimeSpan.FromSeconds(2);
    private readonly IReadOnlyList<LoadTarget> _targets;
    private readonly ITestOutputHelper? _output;
    private readonly int _clients;
    private readonly TimeSpan _pause;
    private readonly TimeSpan _requestTimeout;
    private readonly bool _keepAlive;
    private readonly Func<LoadTarget, int, Task<string>>? _acceptedConnection;
    private readonly LoadCounts _counts = new();
    private readonly ConcurrentQueue<LoadRequest> _requests = new();
    private long _inFlight;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private bool _stopped;

    /// <param name="targets">What to send; each client goes round all of them.</param>
    /// <param name="output">Where phase tables go (none: nowhere).</param>
    /// <param name="clients">Concurrent clients, each with at most one request in flight.</param>
    /// <param name="pause">Between one client's requests, so the load stays steady rather than flat out.</param>
    /// <param name="requestTimeout">A request without a complete answer by then counts as a timeout.</param>
    /// <param name="keepAlive">False: every client opens a new connection per request.</param>
    /// <param name="acceptedConnection">
    /// What the network knows of a connection that was accepted and then failed, from the target and the client's port
    /// (e.g. where the node's balancer sent it), read the moment it failed and added to the failure's detail.
    /// </param>
    public SteadyLoad(IReadOnlyList<LoadTarget> targets, ITestOutputHelper? output = null, int clients = 8, TimeSpan? pause = null, TimeSpan? requestTimeout = null, bool keepAlive = true, Func<LoadTarget, int, Task<string>>? acceptedConnection = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        _targets = targets;
        _output = output;
        _clients = clients;
        _pause = pause ?? TimeSpan.FromMilliseconds(10);
        _requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5);
        _keepAlive = keepAlive;
        _acceptedConnection = acceptedConnection;
    }

    /// <summary>Concurrent clients: at most this many requests are in flight at any moment.</summary>
    public int Clients => _clients;

    public long Sent => _counts.Total("all").Sent;

    public long Failed => _counts.Total("all").Failed;

    /// <summary>Requests sent and not yet answered or failed.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The requests that ended so far.</summary>
    public IReadOnlyList<LoadRequest> Requests => [.. _requests];

    public IReadOnlyList<string> FirstErrors => [.. _counts.Total("all").Samples.Take(5)];

    public void Start() => _running = Task.WhenAll(Enumerable.Range(0, _clients).Select(client => Task.Run(() => ClientAsync(client))));

    /// <summary>Ends the current phase: returns its counts and writes its table to the log.</summary>
    public PhaseCounts EndPhase(string name)
    {
        var phase = _counts.EndPhase(name);
        _output?.WriteLine(LoadTable.Render(phase));
        return phase;
    }

    /// <summary>Stops the clients (requests in flight finish and count) and writes the table of the whole run.</summary>
    public async Task<PhaseCounts> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        var total = _counts.Total("whole run");
        if (!_stopped)
        {
            _stopped = true;
            _output?.WriteLine(LoadTable.Render(total));
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ClientAsync(int client)
    {
        var mode = _keepAlive && client % 2 == 0 ? ConnectionMode.KeepAlive : ConnectionMode.NewConnection;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = mode == ConnectionMode.KeepAlive ? KeepAliveLifetime : TimeSpan.Zero,
            ConnectTimeout = _requestTimeout,
            ConnectCallback = ConnectionWitness.ConnectAsync,
        })
        {
            Timeout = _requestTimeout,
        };
        // Clients start at different targets, so every target is busy from the first moment.
        for (var n = client; !_stop.IsCancellationRequested; n++)
        {
            var target = _targets[n % _targets.Count];
            Interlocked.Increment(ref _inFlight);
            var sent = Stopwatch.GetTimestamp();
            var failure = await SendAsync(http, target, mode, n).ConfigureAwait(false);
            var request = new LoadRequest(LoadRow.For(target, mode), sent, Stopwatch.GetTimestamp(), failure);
            _requests.Enqueue(request);
            _counts.Record(request);
            Interlocked.Decrement(ref _inFlight);
            try
            {
                await Task.Delay(_pause, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One request; null when it got a 2xx answer and its whole body.</summary>
    private async Task<Failure?> SendAsync(HttpClient http, LoadTarget target, ConnectionMode mode, int n)
    {
        using var request = new HttpRequestMessage(target.Method, target.Url);
        var witness = new ConnectionWitness();
        request.Options.Set(ConnectionWitness.Key, witness);
        request.Headers.ConnectionClose = mode == ConnectionMode.NewConnection;
        if (target.Method == HttpMethod.Post)
        {
            request.Content = new StringContent($"load request {n}\n", Encoding.UTF8, "text/plain");
        }

        // Not cancelled on stop: a request in flight finishes and counts like any other.
        try
        {
            using var response = await http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
            return FailureClassifier.FromStatus((int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            var failure = FailureClassifier.FromException(e);
            var detail = $"{failure.Detail} ({witness.Describe(Stopwatch.GetTimestamp())})";
            if (witness.AcceptedPort is { } port && _acceptedConnection is not null)
            {
                detail += $"; {await _acceptedConnection(target, port).ConfigureAwait(false)}";
            }

            return failure with { Detail = detail };
        }
    }
}
