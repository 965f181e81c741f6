using System.Diagnostics;

namespace EdgeGateway.TestSupport;

/// <summary>Runs external programs (ip, nft, docker, scripts) to completion and captures their output.</summary>
public static class CommandRunner
{
    /// <summary>Runs the program; a non-zero exit is returned, not thrown. Throws <see cref="TimeoutException"/> when it outlives its timeout.</summary>
    public static async Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, CommandOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= CommandOptions.Default;
        string[] args = [.. arguments];
        var commandLine = ProcessStart.Describe(program, args, options.NetworkNamespace);
        using var process = Process.Start(ProcessStart.Create(program, args, options.Environment, options.NetworkNamespace)) ?? throw new InvalidOperationException($"cannot start {commandLine}");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await WriteInputAsync(process, options.Input).ConfigureAwait(false);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{commandLine} did not finish within {options.Timeout.TotalSeconds:0.#} s (killed){await PrintedBeforeKillAsync(output, error).ConfigureAwait(false)}");
        }

        return new CommandResult(commandLine, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs the program and returns its stdout; throws <see cref="CommandFailedException"/> naming the command when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string program, IEnumerable<string> arguments, CommandOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(program, arguments, options, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Output : throw new CommandFailedException(result);
    }

    /// <summary>Whether a program of this name is on the PATH (tests that need it skip themselves otherwise).</summary>
    public static bool IsInstalled(string program) => Find(program) is not null;

    /// <summary>The program's path on PATH; null when it is not installed.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>
    /// What the killed program printed, which says where it hung. Waited for briefly only: a daemon it started and the
    /// kill did not reach may still hold its pipes open.
    /// </summary>
    private static async Task<string> PrintedBeforeKillAsync(Task<string> output, Task<string> error)
    {
        var both = Task.WhenAll(output, error);
        if (await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false) != both)
        {
            return "; its output is held open by a process it started";
        }

        return $"; it printed:\n{output.Result}{error.Result}";
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of it: its exit code and output tell why.
        }
    }
}
