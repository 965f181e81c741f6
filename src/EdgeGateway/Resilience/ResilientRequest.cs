using EdgeGateway.Discovery;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace EdgeGateway.Resilience;

/// <summary>
/// Per-request state shared by the attempts of one proxied request; also an HttpContext feature, through which the
/// response transform reads it.
/// </summary>
internal sealed class ResilientRequest
{
    private readonly RequestBodyReplay? _body;
    private readonly KeyValuePair<string, StringValues>[] _headersBeforeProxy;
    private HashSet<DestinationState>? _tried;

    public ResilientRequest(HttpContext context, IReverseProxyFeature proxy, RequestBodyReplay? body, bool retryEligible, RouteDeadline deadline)
    {
        Context = context;
        Proxy = proxy;
        Deadline = deadline;
        _body = body;
        RetryEligible = retryEligible;
        RouteId = proxy.Route.Config.RouteId;
        ClusterId = proxy.Cluster.Config.ClusterId;
        BehindVip = EndpointModes.IsVip(proxy.Cluster.Config.Metadata);
        // YARP hands out an immutable snapshot, so keeping the reference is safe.
        Destinations = proxy.AvailableDestinations;
        _headersBeforeProxy = context.Response.Headers.Count == 0 ? [] : [.. context.Response.Headers];
    }

    public HttpContext Context { get; }

    public IReverseProxyFeature Proxy { get; }

    public RouteDeadline Deadline { get; }

    public string RouteId { get; }

    public string ClusterId { get; }

    /// <summary>
    /// The cluster's destination is a swarm VIP: the kernel picks a task per connection, so an attempt that failed may
    /// go to the same destination again (its new connection reaches another task), and the VIP has no circuit of its
    /// own (one dead task behind it must not cut the whole service).
    /// </summary>
    public bool BehindVip { get; }

    /// <summary>The healthy destinations YARP offered before any attempt.</summary>
    public IReadOnlyList<DestinationState> Destinations { get; }

    /// <summary>Idempotent method with a replayable body.</summary>
    public bool RetryEligible { get; }

    public int Attempts { get; private set; }

    /// <summary>Whether the running attempt may still hand its failure to another attempt (read by the response transform).</summary>
    public bool CurrentAttemptCanRetry { get; private set; }

    /// <summary>Set by the response transform when it held back a 502/503/504 body so the attempt can be replayed.</summary>
    public bool RetryableStatusHeldBack { get; set; }

    public bool WasTried(DestinationState destination) => _tried?.Contains(destination) == true;

    public void BeginAttempt(bool canRetry)
    {
        if (Attempts > 0)
        {
            // Only reached when nothing was sent to the client: drop the failed attempt's status, headers and error,
            // keeping headers that earlier middleware set before the proxy ran.
            Context.Response.Clear();
            foreach (var (name, value) in _headersBeforeProxy)
            {
                Context.Response.Headers[name] = value;
            }

            Context.Features.Set<IForwarderErrorFeature>(null);
            _body?.Rewind(Context.Request);
        }

        Attempts++;
        Proxy.ProxiedDestination = null;
        CurrentAttemptCanRetry = canRetry;
        RetryableStatusHeldBack = false;
    }

    public void EndAttempt()
    {
        if (Proxy.ProxiedDestination is { } destination)
        {
            (_tried ??= []).Add(destination);
        }
    }
}
