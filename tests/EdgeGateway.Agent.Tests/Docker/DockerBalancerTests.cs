using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerBalancerTests
{
    private static readonly IPAddress Ingress = IPAddress.Parse("172.18.0.2");

    private static readonly BalancerPlan Plan = BalancerPlan.From(
    [
        Entry("gateway", Ingress, 80, "10.0.0.7"),
        Entry("whoami", IPAddress.Parse("10.0.1.5"), 80, "10.0.1.8"),
        Entry("other", IPAddress.Parse("10.0.2.5"), 80, "10.0.2.8"),
    ]);

    [Fact]
    public void PartFor_IngressSandbox_OnlyPublishedPortFrontends() =>
        Assert.Equal(["gateway"], DockerBalancer.PartFor(Plan, Ingress, null).Entries.Values.Select(e => e.Service));

    [Fact]
    public void PartFor_ContainerSandbox_OnlyVipsOfItsNetworks()
    {
        var sandbox = new LocalSandbox("/var/run/docker/netns/abc", [IPNetwork.Parse("10.0.1.0/24")]);

        Assert.Equal(["whoami"], DockerBalancer.PartFor(Plan, Ingress, sandbox).Entries.Values.Select(e => e.Service));
    }

    [Fact]
    public void PartFor_ContainerOnNoVipNetwork_Empty()
    {
        var sandbox = new LocalSandbox("/var/run/docker/netns/abc", [IPNetwork.Parse("10.0.9.0/24")]);

        Assert.Empty(DockerBalancer.PartFor(Plan, Ingress, sandbox).Entries);
    }

    private static BalancerEntry Entry(string service, IPAddress frontend, int port, string backend) =>
        new(service, new Frontend(frontend, L4Protocol.Tcp, port), Scheduler.RoundRobin, ImmutableArray.Create(new Backend(IPAddress.Parse(backend), port, 1)));
}
