namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// A real one-node Docker swarm made by docker/swarm-nodes.sh: its own dockerd in network and mount namespaces of its
/// own, reached from the test's namespace over the set's underlay link (nothing leaves the machine). Its Docker data
/// lives in a temporary folder (the qemu VM's root file system is read-only). Disposing tears the whole set down.
/// </summary>
internal sealed class OneNodeSwarm : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _data;

    private readonly string _dockerdLog;

    private OneNodeSwarm(string prefix, string data, Dictionary<string, string> environment, IReadOnlyDictionary<string, string> set)
    {
        _data = data;
        _environment = environment;
        Name = set["EDGE_NODE_1_NAME"];
        Address = set["EDGE_NODE_1_ADDRESS"];
        DockerHost = set["EDGE_NODE_1_DOCKER_HOST"];
        _dockerdLog = $"/run/edge-nodes/{prefix}/{Name}.log";
    }

    /// <summary>The node's name, which is also its network namespace's (under /run/netns).</summary>
    public string Name { get; }

    /// <summary>The node's underlay address, which the test's namespace reaches.</summary>
    public string Address { get; }

    public string DockerHost { get; }

    private static string Script => Path.Combine(Repository.Root, "docker", "swarm-nodes.sh");

    /// <summary>Brings the set up; a set that fails to come up is torn down by the script itself.</summary>
    public static async Task<OneNodeSwarm> UpAsync(string prefix)
    {
        var data = Directory.CreateTempSubdirectory("edge-nodes-").FullName;
        // No images: the test brings its own (edge.sh's images would need a build in every node).
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["EDGE_NODES_PREFIX"] = prefix, ["EDGE_NODES_IMAGES"] = "0", ["EDGE_NODES_DATA"] = data };
        try
        {
            await CommandRunner.RunCheckedAsync("bash", [Script, "up", "1"], new CommandOptions { Environment = environment, Timeout = TimeSpan.FromMinutes(5) });
            var set = (await CommandRunner.RunCheckedAsync("bash", [Script, "env"], new CommandOptions { Environment = environment }))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
            return new OneNodeSwarm(prefix, data, environment, set);
        }
        catch
        {
            RemoveData(data);
            throw;
        }
    }

    /// <summary>The end of the node's dockerd log (swarm-nodes.sh writes it under /run/edge-nodes), for failure messages.</summary>
    public string DockerdLog() =>
        File.Exists(_dockerdLog) ? "dockerd log (end):\n" + string.Join('\n', File.ReadLines(_dockerdLog).TakeLast(40)) : $"no dockerd log at {_dockerdLog}";

    /// <summary>The Docker CLI against the node's dockerd.</summary>
    public Task<string> DockerAsync(params string[] args) =>
        CommandRunner.RunCheckedAsync("docker", ["-H", DockerHost, .. args], new CommandOptions { Timeout = TimeSpan.FromMinutes(3) });

    /// <summary>A command in the node's network and mount namespaces, where Docker's socket and namespace files are.</summary>
    public Task<string> ExecAsync(params string[] args) =>
        CommandRunner.RunCheckedAsync("bash", [Script, "exec", Name, .. args], new CommandOptions { Environment = _environment });

    /// <summary>What a command in the node's namespaces prints, failing or not, headed by the command: for failure messages.</summary>
    public async Task<string> ShowAsync(params string[] args)
    {
        var result = await CommandRunner.RunAsync("bash", [Script, "exec", Name, .. args], new CommandOptions { Environment = _environment });
        return $"--- {string.Join(' ', args)} (exit {result.ExitCode})\n{result.Output}{result.Error}";
    }

    /// <summary>A long-running program in the node's network and mount namespaces, from <paramref name="workingDirectory"/>.</summary>
    public ChildProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.Start(name, "bash", [Script, "exec", Name, "env", $"--chdir={workingDirectory}", .. args],
            new ChildProcessOptions { Environment = new Dictionary<string, string>(environment.Concat(_environment), StringComparer.Ordinal) });

    public async ValueTask DisposeAsync()
    {
        await CommandRunner.RunAsync("bash", [Script, "down"], new CommandOptions { Environment = _environment, Timeout = TimeSpan.FromMinutes(3) });
        RemoveData(_data);
    }

    /// <summary>`down` removes the data folder itself once it is empty, as it does its default one.</summary>
    private static void RemoveData(string data)
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
