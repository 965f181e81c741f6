using System.Diagnostics;
using System.Text;
using Tmds.Linux;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// The real edge-agent (built next to the tests) run as its own process inside a node's namespace with nsenter,
/// from a working directory of the test's own so that no repository config is picked up.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private static readonly string AgentDll = Path.Combine(AppContext.BaseDirectory, "edge-agent.dll");
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AgentProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static AgentProcess Start(string nodeNamespace, string workDirectory, params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(nodeNamespace, workDirectory, args), EnableRaisingEvents = true };
        var agent = new AgentProcess(process);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Runs a one-shot command (plan, status, cleanup) in the node's namespace; returns exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunOnceAsync(string nodeNamespace, string workDirectory, params string[] args)
    {
        await using var agent = Start(nodeNamespace, workDirectory, args);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await agent._process.WaitForExitAsync(deadline.Token);
        agent._process.WaitForExit();
        return (agent._process.ExitCode, agent.Log);
    }

    /// <summary>Asks the agent to stop (SIGTERM, as systemd or docker would) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = LibC.kill(_process.Id, LibC.SIGTERM);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string nodeNamespace, string workDirectory, string[] args)
    {
        var start = new ProcessStartInfo("nsenter")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[$"--net=/var/run/netns/{nodeNamespace}", "--", "dotnet", AgentDll, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
