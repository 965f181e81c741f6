namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// The real edge-agent (built next to the tests) run as its own process inside a node's namespace,
/// from a working directory of the test's own so that no repository config is picked up.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private static readonly string AgentDll = Path.Combine(AppContext.BaseDirectory, "edge-agent.dll");
    private readonly ChildProcess _process;

    private AgentProcess(ChildProcess process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Log => _process.Output;

    public static AgentProcess Start(string nodeNamespace, string workDirectory, params string[] args) =>
        new(ChildProcess.StartDll($"edge-agent {nodeNamespace}", AgentDll, args, new ChildProcessOptions { WorkingDirectory = workDirectory, NetworkNamespace = nodeNamespace }));

    /// <summary>Runs a one-shot command (plan, status, cleanup) in the node's namespace; returns exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunOnceAsync(string nodeNamespace, string workDirectory, params string[] args)
    {
        await using var agent = Start(nodeNamespace, workDirectory, args);
        if (!await agent._process.WaitForExitAsync(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"edge-agent {string.Join(' ', args)} in {nodeNamespace} still runs after 2 minutes:\n{agent.Log}");
        }

        return (agent._process.ExitCode, agent.Log);
    }

    /// <summary>Asks the agent to stop (SIGTERM, as systemd or docker would) and waits for it to exit.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
