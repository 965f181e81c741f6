namespace EdgeGateway.TestSupport;

/// <summary>What a finished program returned: its exit code and everything it wrote.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and both outputs, for failure messages.</summary>
    public string Describe() => $"{CommandLine} exited {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
