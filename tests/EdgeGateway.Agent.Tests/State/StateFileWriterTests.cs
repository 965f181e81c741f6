using System.Net;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.State;

public class StateFileWriterTests
{
    [Fact]
    public void ToJson_ExampleState_ReadsBackToTheSameDocument()
    {
        var path = Path.Combine(Repository.Root, "config", "mesh-state.example.json");
        var state = StateFileReader.Parse(File.ReadAllText(path), path);

        var json = StateFileWriter.ToJson(state);
        var again = StateFileReader.Parse(json, "written");

        Assert.Equal(json, StateFileWriter.ToJson(again));
        Assert.Equal(state.Nodes, again.Nodes);
        Assert.Equal(state.Networks, again.Networks);
        Assert.Equal(state.Services.Select(s => (s.Name, s.EndpointMode, string.Join(",", s.Vips), string.Join(",", s.Ports))),
            again.Services.Select(s => (s.Name, s.EndpointMode, string.Join(",", s.Vips), string.Join(",", s.Ports))));
        Assert.Equal(state.Tasks.Select(t => (t.Id, t.Service, t.Node, string.Join(",", t.Addresses), t.State, t.Health)),
            again.Tasks.Select(t => (t.Id, t.Service, t.Node, string.Join(",", t.Addresses), t.State, t.Health)));
    }

    [Fact]
    public void ToJson_EveryKindOfValue_WritesTheStateFileSpelling()
    {
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Stopping, TaskHealth.Unhealthy)) with
        {
            Nodes = [new ClusterNode("n1", IPAddress.Parse("192.168.77.11")) { IngressAddress = IPAddress.Parse("10.255.0.200") }, new ClusterNode("n2", IPAddress.Parse("192.168.77.12"))],
            Services = [new ClusterService("web", EndpointMode.DnsRoundRobin, System.Collections.Immutable.ImmutableSortedDictionary<string, IPAddress>.Empty, [new ServicePort(L4Protocol.Udp, 53, null)])],
        };

        var json = StateFileWriter.ToJson(state);

        Assert.Contains("\"ingressAddress\":\"10.255.0.200\"", json, StringComparison.Ordinal);
        Assert.Contains("\"endpointMode\":\"dnsrr\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ports\":[{\"protocol\":\"udp\",\"target\":53}]", json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"stopping\",\"health\":\"unhealthy\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_NetworkNamedByDockerId_KeepsTheKeysAsTheyAre()
    {
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1)) with
        {
            Networks = [new OverlayNetwork("Xk3Ingress", IPNetwork.Parse("10.255.0.0/24"), 4096, true)],
            Services = [new ClusterService("web", EndpointMode.Vip, System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("Xk3Ingress", IPAddress.Parse("10.255.0.10"))]), [])],
            Tasks = [],
        };

        var again = StateFileReader.Parse(StateFileWriter.ToJson(state), "written");

        Assert.Equal("Xk3Ingress", again.Services[0].Vips.Keys.Single());
    }
}
