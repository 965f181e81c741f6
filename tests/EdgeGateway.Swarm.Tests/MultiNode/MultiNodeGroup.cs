namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>Test classes sharing one 3-node swarm with the stack deployed (<see cref="MultiNodeSwarm"/>).</summary>
[CollectionDefinition(Name)]
public sealed class MultiNodeGroup : ICollectionFixture<MultiNodeSwarm>
{
    public const string Name = "multi-node swarm";
}
