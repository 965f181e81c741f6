namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>Alone and after the parallel collections: sees what every other test left.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadsAtHomeGroup
{
    public const string Name = "threads at home";
}
