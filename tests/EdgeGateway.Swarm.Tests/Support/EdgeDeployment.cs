namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// The EdgeGateway stack deployed with docker/edge.sh on a fresh single-node swarm, torn down with `edge.sh down`
/// (which leaves the swarm, removes the mesh tables and stops dockerd when this tier started them) and removal of
/// the images it built. When the tier cannot run (not root, no dockerd, the node already in a swarm), it deploys
/// nothing and <see cref="SkipReason"/> says why.
/// </summary>
public sealed class EdgeDeployment : IAsyncLifetime
{
    public const string Stack = "edgetest";
    public const int Port = 18480;
    public const string StateFile = "/var/lib/edge-gateway/swarm-tier.state";

    private static readonly string[] Images = ["edge-gateway:local", "edge-agent:local", "edge-whoami:local"];
    private readonly List<string> _builtImages = [];

    public string? SkipReason { get; private set; }

    public string NodeAddress { get; private set; } = string.Empty;

    public static string Service(string name) => $"{Stack}_{name}";

    public async ValueTask InitializeAsync()
    {
        SkipReason = await WhyNotAsync().ConfigureAwait(false);
        if (SkipReason is not null)
        {
            return;
        }

        foreach (var image in Images.Append(await RuntimeImageAsync().ConfigureAwait(false)))
        {
            if ((await Processes.RunAsync("docker", ["image", "inspect", image]).ConfigureAwait(false)).ExitCode != 0)
            {
                _builtImages.Add(image);
            }
        }

        // Requests to the published port on loopback must reach the mesh, not a process of this host.
        if (await ListensAsync(Port).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"port {Port} is already in use on this host; the swarm tier publishes the gateway there");
        }

        var up = await EdgeShAsync("up").ConfigureAwait(false);
        if (up.ExitCode != 0)
        {
            // A fixture whose start-up throws is never disposed: tear down what `up` got to before reporting it.
            await DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(up.Describe("docker/edge.sh up"));
        }

        NodeAddress = await DockerCli.RunAsync("info", "--format", "{{.Swarm.NodeAddr}}").ConfigureAwait(false);
    }

    /// <summary>Runs edge.sh for this tier's stack, port and state file.</summary>
    public static Task<ProcessResult> EdgeShAsync(string command, IReadOnlyDictionary<string, string>? extra = null) =>
        Processes.RunAsync("bash", [Path.Combine(Repository.Root, "docker", "edge.sh"), command], new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["EDGE_STACK"] = Stack,
            ["EDGE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EDGE_STATE"] = StateFile,
            ["EDGE_WAIT_SECONDS"] = "240",
#if !DEBUG
            // tests/run.sh has just built the solution in Release: publish that build instead of building again.
            ["EDGE_NO_BUILD"] = "1",
#endif
        }, TimeSpan.FromMinutes(8));

    public async ValueTask DisposeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var down = await EdgeShAsync("down", new Dictionary<string, string> { ["EDGE_REMOVE_IMAGES"] = string.Join(' ', _builtImages) }).ConfigureAwait(false);
        if (down.ExitCode != 0)
        {
            throw new InvalidOperationException(down.Describe("docker/edge.sh down"));
        }
    }

    private static async Task<string?> WhyNotAsync()
    {
        if (Environment.UserName != "root")
        {
            return "!!! SKIPPED: the swarm tier needs root (dockerd, nftables, Docker's namespaces)";
        }

        if (!await DockerCli.DaemonUpAsync().ConfigureAwait(false))
        {
            return "!!! SKIPPED: no dockerd answers (tests/lib/prepare-swarm.sh installs and starts it)";
        }

        var state = await DockerCli.RunAsync("info", "--format", "{{.Swarm.LocalNodeState}}").ConfigureAwait(false);
        return state == "inactive"
            ? null
            : $"!!! SKIPPED: this node is already in a swarm (state '{state}'); the swarm tier needs a fresh one (docker/edge.sh down, or docker swarm leave)";
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<string> RuntimeImageAsync()
    {
        var runtimes = await Processes.CheckedAsync("dotnet", "--list-runtimes").ConfigureAwait(false);
        var version = runtimes.Split('\n').Where(l => l.StartsWith("Microsoft.NETCore.App ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Last();
        var script = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "docker", "make-runtime-rootfs.sh")).ConfigureAwait(false);
        return $"edge-runtime:{version}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(script))[..8]}";
    }
}
