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

    /// <summary>Container hostnames (short container ids) of a service's tasks that should be running and are.</summary>
    public static async Task<IReadOnlySet<string>> RunningHostnamesAsync(string service)
    {
        var tasks = await RunAsync("service", "ps", service, "--filter", "desired-state=running", "-q", "--no-trunc").ConfigureAwait(false);
        var hostnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var status = await RunAsync("inspect", "--format", "{{.Status.State}} {{.Status.ContainerStatus.ContainerID}}", task).ConfigureAwait(false);
            var parts = status.Split(' ');
            if (parts is ["running", { Length: >= 12 } id])
            {
                hostnames.Add(id[..12]);
            }
        }

        return hostnames;
    }
}
