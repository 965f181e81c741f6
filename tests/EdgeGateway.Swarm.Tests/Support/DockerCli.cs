namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>The Docker CLI as the tests use it.</summary>
public static class DockerCli
{
    public static Task<string> RunAsync(params string[] args) => Processes.CheckedAsync("docker", args);

    public static async Task<bool> DaemonUpAsync()
    {
        try
        {
            return (await Processes.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], timeout: TimeSpan.FromSeconds(30)).ConfigureAwait(false)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The Docker CLI against another dockerd (e.g. a node of docker/swarm-nodes.sh), given as a DOCKER_HOST value.</summary>
    public static Task<string> RunOnAsync(string dockerHost, params string[] args) => Processes.CheckedAsync("docker", ["-H", dockerHost, .. args]);

    /// <summary>
    /// Container hostnames (short container ids) of a service's tasks that should be running and are; asked of the
    /// host's dockerd, or of the manager <paramref name="dockerHost"/> names.
    /// </summary>
    public static async Task<IReadOnlySet<string>> RunningHostnamesAsync(string service, string? dockerHost = null)
    {
        Task<string> RunAsync(params string[] args) => dockerHost is null ? DockerCli.RunAsync(args) : RunOnAsync(dockerHost, args);
        var tasks = await RunAsync("service", "ps", service, "--filter", "desired-state=running", "-q", "--no-trunc").ConfigureAwait(false);
        var hostnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // A task just created has no container status yet: read the whole status and look.
            using var status = System.Text.Json.JsonDocument.Parse(await RunAsync("inspect", "--format", "{{json .Status}}", task).ConfigureAwait(false));
            var root = status.RootElement;
            if (root.TryGetProperty("State", out var state) && state.GetString() == "running"
                && root.TryGetProperty("ContainerStatus", out var container) && container.TryGetProperty("ContainerID", out var id)
                && id.GetString() is { Length: >= 12 } containerId)
            {
                hostnames.Add(containerId[..12]);
            }
        }

        return hostnames;
    }
}
