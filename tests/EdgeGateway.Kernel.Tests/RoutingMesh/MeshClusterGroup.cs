namespace EdgeGateway.Kernel.Tests.RoutingMesh;

/// <summary>Mesh clusters are heavy (several agent processes): one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MeshClusterGroup
{
    public const string Name = "mesh cluster";
}
