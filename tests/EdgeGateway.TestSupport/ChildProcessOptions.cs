namespace EdgeGateway.TestSupport;

/// <summary>Where and how <see cref="ChildProcess"/> starts a program.</summary>
public sealed record ChildProcessOptions
{
    public static readonly ChildProcessOptions Default = new();

    /// <summary>The program's working directory; a .NET program's own folder when not given.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing those of) the test host's environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>A network namespace to run in, as in <see cref="CommandOptions.NetworkNamespace"/>.</summary>
    public string? NetworkNamespace { get; init; }
}
