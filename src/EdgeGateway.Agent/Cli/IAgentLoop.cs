namespace EdgeGateway.Agent.Cli;

/// <summary>What a running agent does with the cluster state it follows (and publishes), and whether it is ready for /healthz.</summary>
internal interface IAgentLoop
{
    /// <summary>Null when ready; otherwise why not, as /healthz says it.</summary>
    string? NotReadyBecause { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> ends it; throws when the state source fails or ends.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
