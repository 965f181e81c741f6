using System.Globalization;
using System.Security.Cryptography;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// A real 3-node swarm on this machine made by docker/swarm-nodes.sh under its own prefix (one dockerd per network
/// namespace, the host's dockerd untouched), with stack.yml deployed on the manager on a test port and every replica
/// running (with a longer health-check start grace, MultiNode/stack.slow-start.yml, for the loaded build machine). Torn down with `swarm-nodes.sh down`, also when start-up fails; a set left by an earlier crashed run is
/// removed first. When it cannot run (not root, no dockerd binary), it builds nothing and <see cref="SkipReason"/>
/// says why.
/// </summary>
public sealed class MultiNodeSwarm : IAsyncLifetime
{
    /// <summary>EDGE_NODES_PREFIX when set (so runs from several worktrees do not collide), else "swt".</summary>
    public static readonly string Prefix = Environment.GetEnvironmentVariable("EDGE_NODES_PREFIX") is { Length: > 0 } prefix ? prefix : "swt";
    public const string Stack = "edgenodes";
    public const int Port = 18580;
    public const int NodeCount = 3;

    private static readonly TimeSpan ReplicaDeadline = TimeSpan.FromMinutes(6);
    private static readonly string[] Tools = ["dockerd", "docker", "nsenter", "unshare", "iptables-nft"];

    public string? SkipReason { get; private set; }

    public IReadOnlyList<SwarmNode> Nodes { get; private set; } = [];

    public SwarmNode Manager => Nodes[0];

    public static string Service(string name) => $"{Stack}_{name}";

    public async ValueTask InitializeAsync()
    {
        SkipReason = WhyNot();
        if (SkipReason is not null)
        {
            return;
        }

        await DownAsync().ConfigureAwait(false);
        try
        {
            var up = await ScriptAsync(TimeSpan.FromMinutes(12), "up", NodeCount.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            if (up.ExitCode != 0)
            {
                throw new InvalidOperationException(up.Describe("docker/swarm-nodes.sh up"));
            }

            Nodes = ParseEnv((await ScriptAsync(TimeSpan.FromMinutes(1), "env").ConfigureAwait(false)).Output);
            await DeployAsync().ConfigureAwait(false);
            await WaitForReplicasAsync().ConfigureAwait(false);
        }
        catch
        {
            // A fixture whose start-up throws is never disposed.
            await DownAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (SkipReason is null)
        {
            await DownAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The Docker CLI against a node's dockerd.</summary>
    public static Task<string> DockerAsync(SwarmNode node, params string[] args) => DockerCli.RunOnAsync(node.DockerHost, args);

    /// <summary>
    /// Skips the calling test when the swarm could not be made; else waits until it is steady again (every replica
    /// running, both routes answering on every node), since a test before may have killed or moved tasks.
    /// </summary>
    public async Task ReadyAsync()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        await Eventually.HoldsAsync(
            "every service running its replicas and both routes answering on every node",
            async () => await ConvergedAsync().ConfigureAwait(false) && await AnswersEverywhereAsync().ConfigureAwait(false),
            TimeSpan.FromMinutes(3)).ConfigureAwait(false);
    }

    /// <summary>The Docker CLI against the manager.</summary>
    public Task<string> ManagerAsync(params string[] args) => DockerAsync(Manager, args);

    /// <summary>Stops (SIGTERM, waits for it to exit) or starts again one node's dockerd.</summary>
    public static Task StopNodeAsync(SwarmNode node) => CheckedScriptAsync(TimeSpan.FromMinutes(2), "stop", node.Name);

    public static Task StartNodeAsync(SwarmNode node) => CheckedScriptAsync(TimeSpan.FromMinutes(2), "start", node.Name);

    public static Uri Url(SwarmNode node, string path) => new($"http://{node.Address}:{Port}{path}");

    /// <summary>
    /// True when every service of the stack runs all its replicas: swarm's count, and for a replicated service its tasks
    /// whose current state is running (right after a `docker kill` swarm's count still includes the dead task).
    /// </summary>
    public async Task<bool> ConvergedAsync()
    {
        if (await SwarmCountsAsync(replicatedOnly: false).ConfigureAwait(false) is not { } services)
        {
            return false;
        }

        foreach (var (name, mode, wanted) in services)
        {
            if (mode == "replicated" && (await RunningTasksAsync(name[(Stack.Length + 1)..]).ConfigureAwait(false)).Count != wanted)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when swarm counts every service of the stack (or every replicated one) at its replicas. A node that went
    /// down keeps its tasks in this count until swarm replaces them, which can take minutes.
    /// </summary>
    public async Task<bool> SwarmCountsConvergedAsync(bool replicatedOnly) => await SwarmCountsAsync(replicatedOnly).ConfigureAwait(false) is not null;

    /// <summary>Each service with its mode and replicas as swarm counts them; null when one is short of its replicas (or wants none).</summary>
    private async Task<List<(string Name, string Mode, int Wanted)>?> SwarmCountsAsync(bool replicatedOnly)
    {
        string[] filters = ["--filter", $"label=com.docker.stack.namespace={Stack}", .. replicatedOnly ? new[] { "--filter", "mode=replicated" } : []];
        var lines = await ManagerAsync(["service", "ls", .. filters, "--format", "{{.Name}} {{.Mode}} {{.Replicas}}"]).ConfigureAwait(false);
        var services = new List<(string, string, int)>();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split(' ') is not [var name, var mode, var replicas, ..] || replicas.Split('/') is not [var running, var wanted] || running != wanted || wanted == "0")
            {
                return null;
            }

            services.Add((name, mode, int.Parse(wanted, CultureInfo.InvariantCulture)));
        }

        return services;
    }

    /// <summary>The service's tasks that should be running and are, with their nodes and containers.</summary>
    public async Task<IReadOnlyList<SwarmTask>> RunningTasksAsync(string service)
    {
        var lines = await ManagerAsync("service", "ps", Service(service), "--filter", "desired-state=running", "--no-trunc", "--format", "{{.ID}} {{.Node}} {{.CurrentState}}").ConfigureAwait(false);
        var tasks = new List<SwarmTask>();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts[2] == "Running" && Nodes.FirstOrDefault(n => n.Name == parts[1]) is { } node)
            {
                var container = await ManagerAsync("inspect", "--format", "{{.Status.ContainerStatus.ContainerID}}", parts[0]).ConfigureAwait(false);
                if (container.Length > 0)
                {
                    tasks.Add(new SwarmTask(parts[0], node, container));
                }
            }
        }

        return tasks;
    }

    /// <summary>True when both routes answer on every node's address.</summary>
    public async Task<bool> AnswersEverywhereAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var url in Nodes.SelectMany(n => new[] { Url(n, "/"), Url(n, "/dnsrr/") }))
        {
            try
            {
                using var response = await http.GetAsync(url).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A command inside one of a node's Docker network namespaces (a container's sandbox, the ingress sandbox), given by
    /// its file, which exists only in the node's own mount namespace.
    /// </summary>
    public static Task<ProcessResult> InSandboxAsync(SwarmNode node, string sandboxFile, params string[] args) =>
        Processes.RunAsync(
            "bash",
            [Path.Combine(Repository.Root, "docker", "swarm-nodes.sh"), "exec", node.Name, "nsenter", $"--net={sandboxFile}", .. args],
            new Dictionary<string, string> { ["EDGE_NODES_PREFIX"] = Prefix });

    /// <summary>A command inside a node's network namespace (e.g. iptables-nft, to see what Docker and the agent hold).</summary>
    public static Task<string> InNodeAsync(SwarmNode node, params string[] args) =>
        Processes.CheckedAsync("nsenter", [$"--net=/run/netns/{node.Name}", .. args]);

    private static string? WhyNot()
    {
        if (Environment.UserName != "root")
        {
            return "!!! SKIPPED: the multi-node swarm needs root (network namespaces, one dockerd per node)";
        }

        var missing = Tools.Where(t => !OnPath(t)).ToList();
        return missing.Count == 0
            ? null
            : $"!!! SKIPPED: the multi-node swarm needs {string.Join(", ", missing)} (tests/lib/prepare-swarm.sh installs them)";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private async Task DeployAsync()
    {
        var routes = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "config", "routes.json")).ConfigureAwait(false);
        var deploy = await Processes.RunAsync(
            "docker",
            [
                "-H", Manager.DockerHost, "stack", "deploy", "--resolve-image", "never",
                "-c", Path.Combine(Repository.Root, "stack.yml"),
                "-c", Path.Combine(Repository.Root, "tests", "EdgeGateway.Swarm.Tests", "MultiNode", "stack.slow-start.yml"),
                Stack,
            ],
            new Dictionary<string, string>
            {
                ["EDGE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["EDGE_ROUTES_VERSION"] = Convert.ToHexStringLower(SHA256.HashData(routes))[..12],
            },
            TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        if (deploy.ExitCode != 0)
        {
            throw new InvalidOperationException(deploy.Describe("docker stack deploy on the manager"));
        }
    }

    /// <summary>Waits until every service of the stack runs all its replicas (the global agent: one per node).</summary>
    private async Task WaitForReplicasAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[] pending;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var services = await DockerAsync(Manager, "service", "ls", "--filter", $"label=com.docker.stack.namespace={Stack}", "--format", "{{.Name}} {{.Replicas}}").ConfigureAwait(false);
            pending = [.. services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(NotReady)];
        }
        while (pending.Length > 0 && clock.Elapsed < ReplicaDeadline);

        if (pending.Length > 0)
        {
            var tasks = await DockerAsync(Manager, "stack", "ps", Stack, "--no-trunc", "--format", "{{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}} {{.Error}}").ConfigureAwait(false);
            throw new InvalidOperationException($"not every replica runs after {ReplicaDeadline.TotalMinutes} min: {string.Join(", ", pending)}\n{tasks}");
        }
    }

    private static bool NotReady(string line)
    {
        var replicas = line.Split(' ')[1].Split('/');
        return replicas[0] != replicas[1] || replicas[1] == "0";
    }

    private static async Task DownAsync()
    {
        var down = await ScriptAsync(TimeSpan.FromMinutes(3), "down").ConfigureAwait(false);
        if (down.ExitCode != 0)
        {
            throw new InvalidOperationException(down.Describe("docker/swarm-nodes.sh down"));
        }

        var left = (await Processes.CheckedAsync("ip", "netns", "list").ConfigureAwait(false))
            .Split('\n').Where(l => l.StartsWith(Prefix + "-", StringComparison.Ordinal)).ToList();
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"docker/swarm-nodes.sh down left namespaces behind: {string.Join(", ", left)}");
        }
    }

    private static async Task CheckedScriptAsync(TimeSpan timeout, params string[] args)
    {
        var result = await ScriptAsync(timeout, args).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"docker/swarm-nodes.sh {string.Join(' ', args)}"));
        }
    }

    private static Task<ProcessResult> ScriptAsync(TimeSpan timeout, params string[] args) =>
        Processes.RunAsync("bash", [Path.Combine(Repository.Root, "docker", "swarm-nodes.sh"), .. args], new Dictionary<string, string>
        {
            ["EDGE_NODES_PREFIX"] = Prefix,
#if !DEBUG
            // tests/run.sh has just built the solution in Release: publish that build instead of building again.
            ["EDGE_NO_BUILD"] = "1",
#endif
        }, timeout);

    /// <summary>The nodes from `swarm-nodes.sh env` (EDGE_NODE_i_NAME / _ADDRESS / _DOCKER_HOST lines).</summary>
    private static List<SwarmNode> ParseEnv(string env)
    {
        var values = env.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''), StringComparer.Ordinal);
        var count = int.Parse(values["EDGE_NODES_COUNT"], CultureInfo.InvariantCulture);
        return
        [
            .. Enumerable.Range(1, count).Select(i => new SwarmNode(
                values[$"EDGE_NODE_{i}_NAME"], values[$"EDGE_NODE_{i}_ADDRESS"], values[$"EDGE_NODE_{i}_DOCKER_HOST"])),
        ];
    }
}
