namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>One node of a docker/swarm-nodes.sh set: its network namespace name, underlay address and dockerd.</summary>
public sealed record SwarmNode(string Name, string Address, string DockerHost);
