using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Tmds.Linux;

namespace EdgeGateway.TestSupport;

/// <summary>
/// A real program running beside the test (a gateway, a task, an agent), its output kept for diagnostics.
/// Every started process is also killed when the test host exits, so a crashed run leaves nothing behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys)
        {
            child.Dispose();
        }
    };

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet DLL ARGS</c>, by default in the folder of the DLL.</summary>
    public static ChildProcess StartDll(string name, string dll, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        options ??= ChildProcessOptions.Default;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_NOLOGO"] = "1",
            // Several processes share two cores: workstation GC keeps each one small.
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return Start(name, "dotnet", [dll, .. arguments], options with
        {
            WorkingDirectory = options.WorkingDirectory ?? Path.GetDirectoryName(dll),
            Environment = environment,
        });
    }

    public static ChildProcess Start(string name, string program, IEnumerable<string> arguments, ChildProcessOptions? options = null)
    {
        options ??= ChildProcessOptions.Default;
        var info = ProcessStart.Create(program, arguments, options.Environment, options.NetworkNamespace);
        info.WorkingDirectory = options.WorkingDirectory ?? "";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        Live[child] = 0;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to end by itself; false if it still runs after the deadline.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        // Lets the last output lines reach Output.
        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGTERM, as docker or systemd would stop it; SIGKILL if it is still running after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = LibC.kill(_process.Id, LibC.SIGTERM);
        if (!await WaitForExitAsync(grace).ConfigureAwait(false))
        {
            Kill();
        }
    }

    /// <summary>SIGKILL, like a task that dies without a goodbye.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(this, out _);
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {Id})";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
