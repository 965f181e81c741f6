using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>Output of a finished process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string Describe(string what) => $"{what} exited {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs real processes (docker, edge.sh) and collects their output.</summary>
public static class Processes
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs and returns stdout; throws with both outputs when the process fails.</summary>
    public static async Task<string> CheckedAsync(string file, params string[] args)
    {
        var result = await RunAsync(file, args).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output.Trim() : throw new InvalidOperationException(result.Describe($"{file} {string.Join(' ', args)}"));
    }
}
