using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Discovery.AgentFeed;
using EdgeGateway.Observability;
using Microsoft.Extensions.Primitives;

namespace EdgeGateway.Discovery;

/// <summary>
/// Keeps one swarm service resolved: re-resolves every refresh interval (sooner if the TTL is shorter, and
/// at once when asked, e.g. after a refused connection) and fires the change token only when the set of
/// addresses changes. A failed lookup keeps the last answer: a DNS hiccup must not empty a cluster. With the node
/// agent's view (<see cref="FollowAgent"/>), addresses of tasks the agent reports leaving are left out before DNS drops
/// them, unless that would leave none (a draining task still answers; an empty service answers nothing).
/// </summary>
internal sealed partial class SwarmServiceWatch : IAsyncDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);

    // Docker's DNS on this node learns a task that joined elsewhere by gossip, possibly after the agent reports it:
    // after each word from the agent, look again every half second for a few seconds.
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CatchUpWindow = TimeSpan.FromSeconds(3);

    private readonly SwarmDnsResolver _dns;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _firstLookup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _publishLock = new();
    private CancellationTokenSource _changed = new();
    private volatile SwarmEndpoints _current;
    private ImmutableArray<IPEndPoint> _resolved = [];
    private ImmutableArray<IPEndPoint> _excluded = [];
    private AgentTaskView? _agent;
    private long _catchUpUntil;
    private volatile DnsLookup? _lastLookup;
    private Task _loop = Task.CompletedTask;

    public SwarmServiceWatch(SwarmServiceQuery query, SwarmDnsResolver dns, TimeProvider time, TimeSpan refresh, GatewayMetrics metrics, ILogger logger)
    {
        Query = query;
        _dns = dns;
        _time = time;
        _refresh = refresh;
        _metrics = metrics;
        _logger = logger;
        _current = new SwarmEndpoints([], new CancellationChangeToken(_changed.Token));
    }

    public SwarmServiceQuery Query { get; }

    public SwarmEndpoints Current => _current;

    /// <summary>Addresses DNS gives that are left out because the node agent reports their tasks leaving.</summary>
    public ImmutableArray<IPEndPoint> Excluded => _excluded;

    public DnsLookup? LastLookup => _lastLookup;

    public DateTimeOffset? LastLookupAt { get; private set; }

    /// <summary>Completes after the first lookup, whatever its outcome.</summary>
    public Task FirstLookup => _firstLookup.Task;

    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Re-resolve now instead of at the next interval; calls during a lookup coalesce.</summary>
    public void RefreshNow()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already asked
            }
        }
    }

    /// <summary>
    /// Takes the node agent's latest view (null: none, DNS alone decides): leaving tasks go at once, and a DNSRR name is
    /// re-resolved now and for a few seconds, as the change may be a task that joined.
    /// </summary>
    public void FollowAgent(AgentTaskView? view)
    {
        lock (_publishLock)
        {
            _agent = view;
        }

        Publish(null);
        if (view is not null && Query.Mode == EndpointMode.Dnsrr)
        {
            Interlocked.Exchange(ref _catchUpUntil, (_time.GetUtcNow() + CatchUpWindow).UtcTicks);
            RefreshNow();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _metrics.DnsAddresses.RemoveLabelled(Query.Service, EndpointModes.Name(Query.Mode));
        _metrics.DnsExcluded.RemoveLabelled(Query.Service, EndpointModes.Name(Query.Mode));
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            var lookup = await _dns.ResolveAsync(Query.DnsName, stop);
            Record(lookup);
            if (lookup.Outcome != DnsOutcome.Failed)
            {
                Publish([.. lookup.Addresses.Select(a => new IPEndPoint(a, Query.Port)).OrderBy(e => e.ToString(), StringComparer.Ordinal)]);
            }

            _firstLookup.TrySetResult();
            var interval = lookup.Ttl is { } ttl && ttl < _refresh ? ttl : _refresh;
            if (_time.GetUtcNow().UtcTicks < Interlocked.Read(ref _catchUpUntil) && CatchUpInterval < interval)
            {
                interval = CatchUpInterval;
            }

            await WaitAsync(interval < MinimumInterval ? MinimumInterval : interval, stop);
        }
    }

    private void Record(DnsLookup lookup)
    {
        _lastLookup = lookup;
        LastLookupAt = _time.GetUtcNow();
        var mode = EndpointModes.Name(Query.Mode);
        var result = lookup.Outcome switch
        {
            DnsOutcome.Found => "success",
            DnsOutcome.NotFound => "nxdomain",
            _ => "failure",
        };
        _metrics.DnsResolutions.WithLabels(Query.Service, mode, result).Inc();
        if (lookup.Outcome == DnsOutcome.Failed)
        {
            _metrics.DnsFailures.WithLabels(Query.Service, mode).Inc();
            Log.LookupFailed(_logger, Query.DnsName, lookup.Error);
        }
    }

    /// <summary>Publishes DNS's latest answer (<paramref name="resolved"/>, null: the last one) less the leaving tasks.</summary>
    private void Publish(ImmutableArray<IPEndPoint>? resolved)
    {
        ImmutableArray<IPEndPoint> addresses;
        ImmutableArray<IPEndPoint> excluded;
        CancellationTokenSource? previous = null;
        lock (_publishLock)
        {
            _resolved = resolved ?? _resolved;
            excluded = _agent is { } agent ? [.. _resolved.Where(e => agent.IsLeaving(e.Address))] : [];
            if (excluded.Length == _resolved.Length)
            {
                excluded = [];
            }

            addresses = [.. _resolved.Except(excluded)];
            _excluded = excluded;
            if (!addresses.SequenceEqual(Current.Addresses))
            {
                previous = _changed;
                _changed = new CancellationTokenSource();
                _current = new SwarmEndpoints(addresses, new CancellationChangeToken(_changed.Token));
            }
        }

        var mode = EndpointModes.Name(Query.Mode);
        _metrics.DnsExcluded.WithLabels(Query.Service, mode).Set(excluded.Length);
        if (previous is null)
        {
            return;
        }

        _metrics.DnsAddresses.WithLabels(Query.Service, mode).Set(addresses.Length);
        Log.Changed(_logger, Query.DnsName, string.Join(", ", addresses), string.Join(", ", excluded));
        previous.Cancel();
        previous.Dispose();
    }

    private async Task WaitAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var timer = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), timeout, interval, Timeout.InfiniteTimeSpan);
        try
        {
            await _wake.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // interval elapsed
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.DnsChanged, LogLevel.Information, "{Name} now resolves to [{Addresses}]; left out as leaving by the node agent: [{Excluded}]")]
        public static partial void Changed(ILogger logger, string name, string addresses, string excluded);

        [LoggerMessage(EventIds.DnsFailed, LogLevel.Warning, "Resolving {Name} failed, keeping the last answer: {Error}")]
        public static partial void LookupFailed(ILogger logger, string name, string? error);
    }
}
