using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests;

/// <summary>
/// Two nodes on ingress 10.255.0.0/24; service "web" publishes tcp 8080 -> 80 and has VIP 10.255.0.10; its tasks are
/// given per test.
/// </summary>
internal static class TestCluster
{
    public static AgentOptions Options { get; } = new() { Node = "n1" };

    public static ClusterState ClusterWith(params ClusterTask[] tasks) => new(
        [new ClusterNode("n1", IPAddress.Parse("192.168.77.11")), new ClusterNode("n2", IPAddress.Parse("192.168.77.12"))],
        [new OverlayNetwork("ingress", IPNetwork.Parse("10.255.0.0/24"), 4096, Ingress: true)],
        [new ClusterService("web", EndpointMode.Vip, Addresses("10.255.0.10"), [new ServicePort(L4Protocol.Tcp, 80, 8080)])],
        [.. tasks]);

    public static ClusterTask WebTask(int n, TaskState state = TaskState.Running, TaskHealth health = TaskHealth.None) =>
        new($"web.{n}", "web", n % 2 == 1 ? "n1" : "n2", Addresses($"10.255.0.{20 + n}"), state, health);

    public static NodePlan Plan(params ClusterTask[] tasks) => new AgentPlanner(Options).Plan(ClusterWith(tasks));

    private static ImmutableSortedDictionary<string, IPAddress> Addresses(string ingress) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("ingress", IPAddress.Parse(ingress))]);
}
