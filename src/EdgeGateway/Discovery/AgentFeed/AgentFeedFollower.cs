using EdgeGateway.Observability;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Discovery.AgentFeed;

/// <summary>
/// Follows the node agent's cluster state (--agent-feed) and hands each new one to the DNS watches: they drop the
/// addresses of leaving tasks at once and re-resolve, so the gateway's DNSRR view moves with Docker's events, not
/// only with its DNS polling. Without the feed (not configured, or the agent unreachable) the watches go on with DNS
/// alone; the agent is retried every second.
/// </summary>
internal sealed partial class AgentFeedFollower(
    IOptions<GatewayOptions> options,
    SwarmServiceMonitor monitor,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<AgentFeedFollower> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public AgentFeedEndpoint? Endpoint { get; } = options.Value.AgentFeed;

    public bool Following { get; private set; }

    public string? Version { get; private set; }

    public DateTimeOffset? LastUpdate { get; private set; }

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Endpoint is null)
        {
            return;
        }

        using var client = new AgentFeedClient(Endpoint);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var view = await client.GetAsync(Version, stoppingToken);
                if (!Following)
                {
                    Following = true;
                    LastError = null;
                    metrics.AgentFeedUp.Set(1);
                    Log.Following(logger, Endpoint.ToString());
                }

                if (view is not null)
                {
                    Version = view.Version;
                    LastUpdate = time.GetUtcNow();
                    metrics.AgentFeedUpdates.Inc();
                    monitor.FollowAgent(view);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or AgentFeedException or IOException)
            {
                Lost(e);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>A state that can no longer be refreshed must not keep excluding tasks: DNS alone decides until the agent answers.</summary>
    private void Lost(Exception error)
    {
        var message = error is TaskCanceledException ? "no answer in time" : error.Message;
        if (Following || LastError is null)
        {
            Log.Lost(logger, Endpoint!.ToString(), message);
        }

        Following = false;
        Version = null;
        LastError = message;
        metrics.AgentFeedUp.Set(0);
        monitor.FollowAgent(null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.AgentFeedFollowing, LogLevel.Information, "Following the node agent's cluster state at {Endpoint}: leaving tasks are dropped as the agent reports them")]
        public static partial void Following(ILogger logger, string endpoint);

        [LoggerMessage(EventIds.AgentFeedLost, LogLevel.Warning, "The node agent's cluster state at {Endpoint} cannot be read ({Error}); DNS alone decides until it answers again")]
        public static partial void Lost(ILogger logger, string endpoint, string error);
    }
}
