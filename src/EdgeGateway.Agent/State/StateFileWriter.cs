using System.Globalization;
using System.Text.Json;
using EdgeGateway.Agent.Json;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.State;

/// <summary>
/// Writes a cluster state in the state file format (<see cref="StateFileDocument"/>), the one shape
/// <see cref="StateFileReader"/> reads: what the agent serves to other agents is what a state file holds.
/// </summary>
public static class StateFileWriter
{
    public static string ToJson(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var document = new StateFileDocument
        {
            Nodes = [.. state.Nodes.Select(n => new NodeDocument { Name = n.Name, Address = n.Underlay.ToString(), IngressAddress = n.IngressAddress?.ToString() })],
            Networks = [.. state.Networks.Select(n => new NetworkDocument { Name = n.Name, Subnet = n.Subnet.ToString(), Vni = n.Vni, Ingress = n.Ingress })],
            Services = [.. state.Services.Select(Service)],
            Tasks = [.. state.Tasks.Select(Task)],
        };
        return JsonSerializer.Serialize(document, StrictJson.WriteOptions);
    }

    private static ServiceDocument Service(ClusterService s) => new()
    {
        Name = s.Name,
        EndpointMode = s.EndpointMode == EndpointMode.DnsRoundRobin ? "dnsrr" : "vip",
        Vips = s.Vips.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal),
        Ports = [.. s.Ports.Select(p => new PortDocument { Protocol = p.Protocol == L4Protocol.Udp ? "udp" : "tcp", Target = p.TargetPort, Published = p.PublishedPort })],
    };

    private static TaskDocument Task(ClusterTask t) => new()
    {
        Id = t.Id,
        Service = t.Service,
        Node = t.Node,
        Addresses = t.Addresses.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal),
        State = t.State.ToString().ToLower(CultureInfo.InvariantCulture),
        Health = t.Health.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
