namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>One node of a multi-node set: its name (also its swarm hostname), underlay address and dockerd socket.</summary>
public sealed record SwarmNode(string Name, string Address, string DockerHost);
