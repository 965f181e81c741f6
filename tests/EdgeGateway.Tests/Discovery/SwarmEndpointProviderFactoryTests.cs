using EdgeGateway.Discovery;
using EdgeGateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Tests.Discovery;

public class SwarmEndpointProviderFactoryTests
{
    [Fact]
    public async Task GetEndpoints_DnsrrAddress_OneEndpointPerTaskWithExplicitPort()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.3");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(200));
        var resolver = services.GetRequiredService<ServiceEndpointResolver>();

        var source = await resolver.GetEndpointsAsync("http://_dnsrr.api:8080", TestContext.Current.CancellationToken);

        Assert.Equal(["10.0.0.2:8080", "10.0.0.3:8080"], source.Endpoints.Select(e => e.ToString()).Order());
    }

    [Fact]
    public async Task GetEndpoints_TaskAdded_ChangeTokenFiresAndNewTaskResolves()
    {
        await using var dns = TestDnsServer.Start();
        dns.SetRecords("tasks.api", "10.0.0.2");
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(200));
        var resolver = services.GetRequiredService<ServiceEndpointResolver>();
        var first = await resolver.GetEndpointsAsync("http://_dnsrr.api:8080", TestContext.Current.CancellationToken);

        dns.SetRecords("tasks.api", "10.0.0.2", "10.0.0.4");

        await Eventually.HoldsAsync("the change token to fire", () => first.ChangeToken.HasChanged);
        var second = await resolver.GetEndpointsAsync("http://_dnsrr.api:8080", TestContext.Current.CancellationToken);
        Assert.Equal(["10.0.0.2:8080", "10.0.0.4:8080"], second.Endpoints.Select(e => e.ToString()).Order());
    }

    [Fact]
    public async Task GetEndpoints_ServiceWithoutTasks_EmptyNotAPassThroughName()
    {
        await using var dns = TestDnsServer.Start();
        await using var services = DiscoveryServices.Build(dns.EndPoint, TimeSpan.FromMilliseconds(200));
        var resolver = services.GetRequiredService<ServiceEndpointResolver>();

        var source = await resolver.GetEndpointsAsync("http://_dnsrr.api:8080", TestContext.Current.CancellationToken);

        Assert.Empty(source.Endpoints);
    }

    [Fact]
    public void TryCreateProvider_PlainAddress_NotASwarmQuery()
    {
        var factory = new SwarmEndpointProviderFactory(null!);
        Assert.True(ServiceEndpointQuery.TryParse("http://127.0.0.1:5000", out var query));

        Assert.False(factory.TryCreateProvider(query, out _));
    }
}
