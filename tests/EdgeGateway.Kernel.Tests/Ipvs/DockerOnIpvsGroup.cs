namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>
/// Runs after the other tests, not beside them: inside the VM <see cref="DockerMeshAgentTests"/> turns forwarding on in
/// the initial namespace, which namespaces created meanwhile would copy, and its dockerd changes settings of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerOnIpvsGroup
{
    public const string Name = "docker on the IPVS kernel";
}
