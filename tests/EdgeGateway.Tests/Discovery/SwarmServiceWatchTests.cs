using System.Net;
using EdgeGateway.Discovery;
using EdgeGateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Discovery;

public class SwarmServiceWatchTests
{
    private static readonly SwarmServiceQuery Api = new("api", EndpointMode.Dnsrr, 8080);

    [Fact]
    public async Task Start_TasksInDns_ResolvesEveryTaskWithThePort()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(200));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);

        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["10.0.0.2:8080", "10.0.0.3:8080"], watch.Current.Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public async Task Refresh_TaskAppearsAndDisappears_PublishesAndFiresToken()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(200));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);
        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);
        var before = watch.Current;

        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        await Eventually.HoldsAsync("the new task to be resolved", () => watch.Current.Addresses.Length == 2);
        Assert.True(before.Changed.HasChanged);

        var withTwo = watch.Current;
        dns.SetRecords("tasks.api", "10.0.0.3");
        await Eventually.HoldsAsync("the gone task to be dropped", () => watch.Current.Addresses is [var only] && only.Equals(new IPEndPoint(IPAddress.Parse("10.0.0.3"), 8080)));
        Assert.True(withTwo.Changed.HasChanged);
    }

    [Fact]
    public async Task Refresh_SameAnswer_TokenDoesNotFire()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(100));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);
        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);
        var current = watch.Current;

        await Eventually.HoldsAsync("several re-resolutions", () => dns.QueryCount("tasks.api") >= 4);

        Assert.False(current.Changed.HasChanged);
        Assert.Same(current, watch.Current);
    }

    [Fact]
    public async Task Refresh_NxDomain_EmptiesTheService()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(100));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);
        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);

        dns.Remove("tasks.api");

        await Eventually.HoldsAsync("the service without tasks to have no endpoints", () => watch.Current.Addresses.IsEmpty);
        Assert.Equal(DnsOutcome.NotFound, watch.LastLookup!.Outcome);
    }

    [Fact]
    public async Task Refresh_ServerFailure_KeepsLastAnswer()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(100));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(Api);
        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);

        dns.Failing = true;

        await Eventually.HoldsAsync("a failed lookup", () => watch.LastLookup?.Outcome == DnsOutcome.Failed);
        Assert.Equal(["10.0.0.2:8080"], watch.Current.Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public async Task ReportUnreachable_KnownEndpoint_ReResolvesBeforeTheInterval()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromHours(1));
        var monitor = services.GetRequiredService<SwarmServiceMonitor>();
        var watch = monitor.Watch(Api);
        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);
        dns.SetRecords("tasks.api", "10.0.0.3");

        monitor.ReportUnreachable(new IPEndPoint(IPAddress.Parse("10.0.0.2"), 8080));

        await Eventually.HoldsAsync("the refused task to be dropped without waiting an hour", () => watch.Current.Addresses.Length == 1);
        Assert.Equal(2, dns.QueryCount("tasks.api"));
    }

    [Fact]
    public async Task Start_VipMode_ResolvesTheServiceName()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("web", "10.0.1.5");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromSeconds(1));
        var watch = services.GetRequiredService<SwarmServiceMonitor>().Watch(new SwarmServiceQuery("web", EndpointMode.Vip, 80));

        await watch.FirstLookup.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["10.0.1.5:80"], watch.Current.Addresses.Select(a => a.ToString()));
        Assert.Equal(0, dns.QueryCount("tasks.web"));
    }
}
