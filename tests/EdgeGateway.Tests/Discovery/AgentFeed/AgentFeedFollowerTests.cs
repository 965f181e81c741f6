using System.Net;
using EdgeGateway.Discovery;
using EdgeGateway.Discovery.AgentFeed;
using EdgeGateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Discovery.AgentFeed;

/// <summary>
/// The DNS watches following a node agent's feed over a real Unix socket, with a real DNS server that is re-polled only
/// every 10 minutes (its TTL): whatever changes sooner was driven by the feed.
/// </summary>
public sealed class AgentFeedFollowerTests : IDisposable
{
    private static readonly SwarmServiceQuery Api = new("api", EndpointMode.Dnsrr, 8080);
    private readonly string _folder = Directory.CreateTempSubdirectory("edge-gateway-feed-").FullName;

    private string SocketPath => Path.Combine(_folder, "feed.sock");

    [Fact]
    public async Task Follow_AgentReportsTasksLeavingAndJoining_ViewFollowsAtOnce_AndDnsAloneDecidesWhenTheAgentIsGone()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        var feed = await TestAgentFeed.StartAsync(SocketPath);
        feed.SetTasks(("10.0.0.2", "running"), ("10.0.0.3", "running"));
        var (services, follower, watch) = await FollowingAsync(dns);
        await using var _ = services;

        feed.SetTasks(("10.0.0.2", "running"), ("10.0.0.3", "stopping"));
        await Eventually.HoldsAsync("the stopping task left out while DNS still gives it", () => Addresses(watch) == "10.0.0.2:8080" && string.Join(", ", watch.Excluded) == "10.0.0.3:8080");

        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3", "10.0.0.4");
        feed.SetTasks(("10.0.0.2", "running"), ("10.0.0.3", "stopping"), ("10.0.0.4", "running"));
        await Eventually.HoldsAsync("the joining task resolved on the agent's word, not the hourly DNS poll", () => Addresses(watch) == "10.0.0.2:8080, 10.0.0.4:8080");

        await feed.DisposeAsync();
        await Eventually.HoldsAsync("DNS alone deciding once the agent is gone", () => !follower.Following && Addresses(watch) == "10.0.0.2:8080, 10.0.0.3:8080, 10.0.0.4:8080");
        Assert.NotNull(follower.LastError);
        await follower.StopAsync(cancellation);
    }

    [Fact]
    public async Task Follow_DnsLearnsAJoiningTaskAfterTheAgent_ResolvedWithinSeconds()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var feed = await TestAgentFeed.StartAsync(SocketPath);
        feed.SetTasks(("10.0.0.2", "running"));
        var (services, follower, watch) = await FollowingAsync(dns);
        await using var _ = services;

        feed.SetTasks(("10.0.0.2", "running"), ("10.0.0.3", "running"));
        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");

        await Eventually.HoldsAsync("the task DNS learnt a second after the agent resolved", () => Addresses(watch) == "10.0.0.2:8080, 10.0.0.3:8080", TimeSpan.FromSeconds(5));
        await follower.StopAsync(cancellation);
    }

    [Fact]
    public async Task Follow_EveryTaskLeaving_KeepsThem()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromHours(1));
        var monitor = services.GetRequiredService<SwarmServiceMonitor>();
        var watch = monitor.Watch(Api);
        await watch.FirstLookup.WaitAsync(cancellation);

        monitor.FollowAgent(AgentTaskView.Parse("v1", """{ "tasks": [ { "addresses": { "n": "10.0.0.2" }, "state": "stopping" }, { "addresses": { "n": "10.0.0.3" }, "state": "shutdown" } ] }"""));

        Assert.Equal("10.0.0.2:8080, 10.0.0.3:8080", Addresses(watch));
        Assert.Empty(watch.Excluded);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Discovery following the test feed's socket, its DNS polled hourly, with the watch of <see cref="Api"/> resolved once.</summary>
    private async Task<(ServiceProvider Services, AgentFeedFollower Follower, SwarmServiceWatch Watch)> FollowingAsync(TestDnsServer dns)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromHours(1), new AgentFeedEndpoint(new Uri("http://localhost"), SocketPath));
        var follower = services.GetRequiredService<AgentFeedFollower>();
        await follower.StartAsync(cancellation);
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);
        await watch.FirstLookup.WaitAsync(cancellation);
        await Eventually.HoldsAsync("the agent's feed followed", () => follower.Following);
        return (services, follower, watch);
    }

    private static string Addresses(SwarmServiceWatch watch) => string.Join(", ", watch.Current.Addresses.Select(a => a.ToString()));
}
