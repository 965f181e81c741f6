using System.Diagnostics;
using System.Text.Json;

namespace EdgeGateway.Convergence.Bench;

/// <summary>The Docker CLI against the swarm's manager (DOCKER_HOST), as the benchmark needs it.</summary>
internal sealed class Swarm(string stack)
{
    public string Service(string name) => $"{stack}_{name}";

    public string Network => $"{stack}_edge";

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0
            ? (await output.ConfigureAwait(false)).Trim()
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await error.ConfigureAwait(false)}");
    }

    public static Task<string> DockerAsync(params string[] args) => RunAsync("docker", args);

    /// <summary>Running tasks of a service: container id (its first 12 characters are the task's hostname) by task.</summary>
    public async Task<IReadOnlyList<RunningTask>> RunningAsync(string service)
    {
        var ids = await DockerAsync("service", "ps", Service(service), "--filter", "desired-state=running", "-q", "--no-trunc").ConfigureAwait(false);
        var running = new List<RunningTask>();
        foreach (var task in ids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var status = JsonDocument.Parse(await DockerAsync("inspect", "--format", "{{json .Status}}", task).ConfigureAwait(false));
            var root = status.RootElement;
            if (root.TryGetProperty("State", out var state) && state.GetString() == "running"
                && root.TryGetProperty("ContainerStatus", out var container) && container.TryGetProperty("ContainerID", out var id)
                && id.GetString() is { Length: >= 12 } containerId)
            {
                running.Add(new RunningTask(containerId, Timestamp(root.GetProperty("Timestamp").GetString()!)));
            }
        }

        return running;
    }

    /// <summary>A container's address on the stack's network and its init process (for its network namespace).</summary>
    public async Task<(string Address, int Pid)> InspectAsync(string container)
    {
        var line = await DockerAsync("inspect", "--format", $"{{{{(index .NetworkSettings.Networks \"{Network}\").IPAddress}}}} {{{{.State.Pid}}}}", container).ConfigureAwait(false);
        var parts = line.Split(' ');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Docker's task timestamps carry nanoseconds; .NET parses up to 100 ns.</summary>
    private static DateTimeOffset Timestamp(string text)
    {
        var fraction = System.Text.RegularExpressions.Regex.Replace(text, @"\.(\d{1,7})\d*", ".$1");
        return DateTimeOffset.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ScaleAsync(int replicas, params string[] services) =>
        DockerAsync(["service", "scale", "--detach", .. services.Select(s => $"{Service(s)}={replicas}")]);
}

/// <summary>A running task's container, and when swarm saw the task reach its state (running).</summary>
internal sealed record RunningTask(string ContainerId, DateTimeOffset Since)
{
    public string Hostname => ContainerId[..12];
}
