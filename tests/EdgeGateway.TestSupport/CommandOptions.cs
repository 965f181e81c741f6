namespace EdgeGateway.TestSupport;

/// <summary>How <see cref="CommandRunner"/> runs a program.</summary>
public sealed record CommandOptions
{
    public static readonly CommandOptions Default = new();

    /// <summary>Written to the program's stdin, which is then closed; without it stdin is closed at once.</summary>
    public string? Input { get; init; }

    /// <summary>After this the program and everything it started are killed and the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Variables added to (or replacing those of) the test host's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Runs the program inside this network namespace: a name under /var/run/netns (as `ip netns add` makes) or the
    /// path of a namespace file (such as Docker's). Needs root and nsenter (util-linux).
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>These options inside the given network namespace.</summary>
    public static CommandOptions InNetworkNamespace(string networkNamespace) => new() { NetworkNamespace = networkNamespace };
}
