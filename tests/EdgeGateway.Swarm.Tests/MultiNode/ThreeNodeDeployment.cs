using System.Globalization;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// stack.yml deployed on a swarm of three nodes made with docker/swarm-nodes.sh (a manager and two workers, one dockerd
/// per network namespace; the host's own dockerd is not used), torn down with `swarm-nodes.sh down`. Ready once
/// every service runs its replicas and both routes answer on every node's address. When the tier cannot run (not
/// root, no dockerd installed), it makes nothing and <see cref="SkipReason"/> says why.
/// </summary>
public sealed class ThreeNodeDeployment : IAsyncLifetime
{
    public const string Prefix = "mnload";
    public const string Stack = "mn";
    public const int Port = 18780;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly string NodesScript = Path.Combine(EdgeDeployment.RepositoryRoot, "docker", "swarm-nodes.sh");
    private bool _made;

    public string? SkipReason { get; private set; }

    public IReadOnlyList<SwarmNode> Nodes { get; private set; } = [];

    public SwarmNode Manager => Nodes[0];

    public static string Service(string name) => $"{Stack}_{name}";

    public async ValueTask InitializeAsync()
    {
        SkipReason = Environment.UserName != "root" ? "!!! SKIPPED: the multi-node swarm tier needs root (namespaces, dockerd, nftables)"
            : !File.Exists("/usr/bin/dockerd") && !File.Exists("/usr/sbin/dockerd") ? "!!! SKIPPED: dockerd is not installed (tests/lib/prepare-swarm.sh installs docker.io)"
            : null;
        if (SkipReason is not null)
        {
            return;
        }

        _made = true;
        try
        {
            await NodesAsync(TimeSpan.FromMinutes(10), "up", "3").ConfigureAwait(false);
            Nodes = ParseNodes(await NodesAsync(TimeSpan.FromMinutes(1), "env").ConfigureAwait(false));
            await DeployAsync().ConfigureAwait(false);
        }
        catch
        {
            // A fixture whose start-up throws is never disposed.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_made)
        {
            _made = false;
            await NodesAsync(TimeSpan.FromMinutes(5), "down").ConfigureAwait(false);
        }
    }

    /// <summary>The Docker CLI against one node's dockerd.</summary>
    public static async Task<string> DockerAsync(SwarmNode node, params string[] args)
    {
        var result = await Processes.RunAsync("docker", args, new Dictionary<string, string> { ["DOCKER_HOST"] = node.DockerHost }, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output.Trim() : throw new InvalidOperationException(result.Describe($"docker {string.Join(' ', args)} on {node.Name}"));
    }

    /// <summary>The Docker CLI against the manager.</summary>
    public Task<string> ManagerAsync(params string[] args) => DockerAsync(Manager, args);

    /// <summary>Stops (SIGTERM, waits for it to exit) or starts again one node's dockerd.</summary>
    public static Task StopNodeAsync(SwarmNode node) => NodesAsync(TimeSpan.FromMinutes(2), "stop", node.Name);

    public static Task StartNodeAsync(SwarmNode node) => NodesAsync(TimeSpan.FromMinutes(2), "start", node.Name);

    public SwarmNode Node(string name) => Nodes.Single(n => n.Name == name);

    public static Uri Url(SwarmNode node, string path) => new($"http://{node.Address}:{Port}{path}");

    /// <summary>Polls until the condition holds; false when the deadline passed first.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? deadline = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < (deadline ?? Deadline))
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(500).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>True when every service of the stack (or every replicated one) runs all its replicas.</summary>
    public async Task<bool> ConvergedAsync(bool replicatedOnly = false)
    {
        string[] filters = ["--filter", $"label=com.docker.stack.namespace={Stack}", .. replicatedOnly ? new[] { "--filter", "mode=replicated" } : []];
        var lines = await ManagerAsync(["service", "ls", .. filters, "--format", "{{.Replicas}}"]).ConfigureAwait(false);
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => l.Split(' ')[0].Split('/') is [var running, var wanted] && running == wanted && wanted != "0");
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

    private async Task DeployAsync()
    {
        var routes = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(EdgeDeployment.RepositoryRoot, "config", "routes.json")).ConfigureAwait(false)))[..12];
        var deploy = await Processes.RunAsync(
            "docker",
            ["stack", "deploy", "--resolve-image", "never", "-c", Path.Combine(EdgeDeployment.RepositoryRoot, "stack.yml"), Stack],
            new Dictionary<string, string>
            {
                ["DOCKER_HOST"] = Manager.DockerHost,
                ["EDGE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["EDGE_ROUTES_VERSION"] = routes,
            }).ConfigureAwait(false);
        if (deploy.ExitCode != 0)
        {
            throw new InvalidOperationException(deploy.Describe("docker stack deploy"));
        }

        if (!await WaitUntilAsync(async () => await ConvergedAsync().ConfigureAwait(false) && await AnswersEverywhereAsync().ConfigureAwait(false)).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"the stack did not converge and answer on every node within {Deadline}:\n{await ManagerAsync("stack", "ps", Stack, "--no-trunc").ConfigureAwait(false)}");
        }
    }

    private static IReadOnlyList<SwarmNode> ParseNodes(string env)
    {
        var values = env.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
        var count = int.Parse(values["EDGE_NODES_COUNT"], CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(1, count).Select(i => new SwarmNode(values[$"EDGE_NODE_{i}_NAME"], values[$"EDGE_NODE_{i}_ADDRESS"], values[$"EDGE_NODE_{i}_DOCKER_HOST"]))];
    }

    private static async Task<string> NodesAsync(TimeSpan timeout, params string[] args)
    {
        var result = await Processes.RunAsync(
            "bash",
            [NodesScript, .. args],
            new Dictionary<string, string>
            {
                ["EDGE_NODES_PREFIX"] = Prefix,
#if !DEBUG
                // tests/run.sh has just built the solution in Release: publish that build instead of building again.
                ["EDGE_NO_BUILD"] = "1",
#endif
            },
            timeout).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException(result.Describe($"docker/swarm-nodes.sh {string.Join(' ', args)}"));
    }
}
