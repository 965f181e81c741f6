using System.Net;
using EdgeGateway.Discovery;
using EdgeGateway.Discovery.AgentFeed;
using EdgeGateway.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Tests.Discovery;

/// <summary>The gateway's discovery services wired as in production, pointed at a test DNS server (and agent feed).</summary>
internal static class DiscoveryServices
{
    public static ServiceProvider Build(IPEndPoint dns, TimeSpan refresh, AgentFeedEndpoint? agentFeed = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(Options.Create(new GatewayOptions { DnsServer = dns, DnsRefresh = refresh, AgentFeed = agentFeed }));
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayMetrics();
        services.AddSwarmDiscovery();
        return services.BuildServiceProvider();
    }
}
