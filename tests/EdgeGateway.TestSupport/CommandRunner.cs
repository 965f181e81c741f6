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
        var commandLine = CommandLine(program, args, options);
        using var process = Process.Start(StartInfo(program, args, options)) ?? throw new InvalidOperationException($"cannot start {commandLine}");
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
            // Not waiting for the output here: a daemon the program started may hold its pipes open.
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{commandLine} did not finish within {options.Timeout.TotalSeconds:0.#} s (killed)");
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
    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));

    private static ProcessStartInfo StartInfo(string program, string[] args, CommandOptions options)
    {
        // nsenter enters just the network namespace, so the program keeps seeing the host's files.
        string[] command = options.NetworkNamespace is { } ns ? ["nsenter", $"--net={NamespacePath(ns)}", "--", program, .. args] : [program, .. args];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command[1..])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
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

    private static string NamespacePath(string ns) => ns.Contains('/', StringComparison.Ordinal) ? ns : "/var/run/netns/" + ns;

    private static string CommandLine(string program, string[] args, CommandOptions options)
    {
        var line = string.Join(' ', args.Prepend(program).Select(Quote));
        return options.NetworkNamespace is { } ns ? $"{line} (in network namespace {ns})" : line;
    }

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
