using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Tests;

/// <summary>
/// A three-node cluster: ingress 10.255.0.0/24 (vni 4096) and app 10.0.1.0/24 (vni 4097); service "web" (vip,
/// tcp 8080 -> 80) with tasks on n1 and n2, none on n3; service "dns" (dnsrr, udp 5353 -> 53) with one task on n1.
/// </summary>
internal static class TestStates
{
    public static ClusterState ThreeNodes() => new(
        [Node("n1", "192.168.77.11"), Node("n2", "192.168.77.12"), Node("n3", "192.168.77.13")],
        [
            new OverlayNetwork("ingress", IPNetwork.Parse("10.255.0.0/24"), 4096, Ingress: true),
            new OverlayNetwork("app", IPNetwork.Parse("10.0.1.0/24"), 4097, Ingress: false),
        ],
        [
            new ClusterService("web", EndpointMode.Vip, Vips(("ingress", "10.255.0.10"), ("app", "10.0.1.10")), [new ServicePort(L4Protocol.Tcp, 80, 8080)]),
            new ClusterService("dns", EndpointMode.DnsRoundRobin, Vips(), [new ServicePort(L4Protocol.Udp, 53, 5353)]),
        ],
        [
            Task("web.1", "web", "n1", "10.255.0.21", "10.0.1.21"),
            Task("web.2", "web", "n2", "10.255.0.22", "10.0.1.22"),
            Task("dns.1", "dns", "n1", "10.255.0.31", "10.0.1.31"),
        ]);

    public static ClusterNode Node(string name, string underlay) => new(name, IPAddress.Parse(underlay));

    public static ClusterTask Task(string id, string service, string node, string ingressAddress, string appAddress,
        TaskState state = TaskState.Running, TaskHealth health = TaskHealth.Healthy) =>
        new(id, service, node, Vips(("ingress", ingressAddress), ("app", appAddress)), state, health);

    public static ImmutableSortedDictionary<string, IPAddress> Vips(params (string Network, string Address)[] items) =>
        items.ToImmutableSortedDictionary(i => i.Network, i => IPAddress.Parse(i.Address), StringComparer.Ordinal);

    public static ClusterState WithTask(this ClusterState state, string id, Func<ClusterTask, ClusterTask> change) =>
        state with { Tasks = [.. state.Tasks.Select(t => t.Id == id ? change(t) : t)] };

    public static ClusterState WithoutTask(this ClusterState state, string id) =>
        state with { Tasks = [.. state.Tasks.Where(t => t.Id != id)] };

    public static IPAddress Ip(string address) => IPAddress.Parse(address);
}
