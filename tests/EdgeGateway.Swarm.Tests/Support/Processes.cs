namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>Output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string Describe(string what) => new CommandResult(what, ExitCode, Output, Error).Describe();
}

/// <summary>Runs real processes (docker, edge.sh) and collects their output.</summary>
public static class Processes
{
    // Deploying a stack and pulling its images can take minutes on a busy machine.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var options = new CommandOptions { Environment = env, Timeout = timeout ?? DefaultTimeout };
        var result = await CommandRunner.RunAsync(file, args, options).ConfigureAwait(false);
        return new ProcessResult(result.ExitCode, result.Output, result.Error);
    }

    /// <summary>Runs and returns stdout; throws with both outputs when the process fails.</summary>
    public static async Task<string> CheckedAsync(string file, params string[] args) =>
        (await CommandRunner.RunCheckedAsync(file, args, new CommandOptions { Timeout = DefaultTimeout }).ConfigureAwait(false)).Trim();
}
