using System.Diagnostics;
using System.Text.Json;
using Xunit.Sdk;
using EdgeGateway.Kernel.Tests.Support;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>
/// The agent on a Docker node whose kernel has IPVS, with the default dataplane (auto), on a real one-node swarm: Docker's
/// own mesh serves the published port, the agent programs nothing (no table of its own in Docker's ingress sandbox, the
/// mesh answers throughout), and it follows and publishes the cluster state, a task killed on the node included.
/// </summary>
[Trait(IpvsKernel.TraitName, IpvsKernel.TraitValue)]
[Collection(DockerOnIpvsGroup.Name)]
public sealed class DockerMeshAgentTests(ITestOutputHelper output)
{
    private const string SetPrefix = "egtdm";
    private const string Image = "egt-busybox:1";
    private const int PublishedPort = 18090;
    private const int AdminPort = 9464;
    private const string Page = "served by a task";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    // Well inside the VM's own timeout, so that a run stuck in Docker still reports, with its last step, from the VM.
    [Fact(Timeout = 10 * 60 * 1000)]
    public async Task AgentOnAnIpvsKernel_AutoDataplane_DockersMeshServesAndTheAgentPublishesTheState()
    {
        IpvsKernel.Require();
        RequireDocker();
        using var forwarding = ForwardingOn();
        var clock = Stopwatch.StartNew();
        Step(clock, "bringing up a one-node swarm");
        await using var swarm = await OneNodeSwarm.UpAsync(SetPrefix);
        var folder = Directory.CreateTempSubdirectory("edge-dockermesh-").FullName;
        ChildProcess? agent = null;
        try
        {
            Step(clock, "importing the image and creating the service");
            await ImportImageAsync(swarm, folder);
            await swarm.DockerAsync("service", "create", "--detach", "--name", "web", "--replicas", "2",
                "--publish", $"published={PublishedPort},target=8080", Image, "/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www");
            await Eventually.ValueAsync("both web tasks running", () => swarm.DockerAsync("service", "ls", "--format", "{{.Replicas}}"), r => r.Trim() == "2/2", Deadline, swarm.DockerdLog);
            Step(clock, "tasks running; waiting for Docker's mesh");
            // Docker sets up a task's mesh rules a moment after it reports it running.
            await ShowingTheMeshOnFailureAsync(swarm, Eventually.ValueAsync("Docker's mesh serves the published port", () => ThroughTheMeshAsync(swarm), p => p == Page, Deadline, swarm.DockerdLog));
            Step(clock, "the mesh serves; starting the agent");

            agent = swarm.Start("edge-agent", folder, new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning" },
                "dotnet", Path.Combine(AppContext.BaseDirectory, "edge-agent.dll"), "run", "--source", "docker", "--admin-url", $"http://127.0.0.1:{AdminPort}");
            await Eventually.ValueAsync("the agent is healthy", () => AdminAsync(swarm, "/healthz"), h => h == "ok", Deadline, () => agent.Output);
            Step(clock, "the agent is healthy; killing a task");
            var tasks = Tasks(await AdminAsync(swarm, "/v1/cluster-state"));
            Assert.Equal(["running", "running"], tasks.Values);

            var killed = (await swarm.DockerAsync("ps", "-q", "--filter", "label=com.docker.swarm.service.name=web")).Split('\n')[0].Trim();
            var taskId = (await swarm.DockerAsync("inspect", "--format", "{{index .Config.Labels \"com.docker.swarm.task.id\"}}", killed)).Trim();
            var sinceKill = Stopwatch.StartNew();
            await swarm.DockerAsync("kill", killed);
            var state = await Eventually.ValueAsync(
                $"the agent publishes task {taskId} as no longer running",
                async () => Tasks(await AdminAsync(swarm, "/v1/cluster-state")).GetValueOrDefault(taskId, "gone"),
                s => s != "running",
                Deadline,
                () => agent.Output);
            TestContext.Current.SendDiagnosticMessage($"killed task {taskId}: published as {state} after {sinceKill.Elapsed.TotalSeconds:F1} s");

            var tables = await swarm.ExecAsync("nsenter", "--net=/run/docker/netns/ingress_sbox", "nft", "list", "tables");
            Assert.DoesNotContain(" edge", tables, StringComparison.Ordinal);
            Assert.Contains("dataplane none", agent.Output, StringComparison.Ordinal);
            // Docker's mesh drops the killed task on its own, and the replacement joins: Docker's to do, not the agent's.
            await ShowingTheMeshOnFailureAsync(swarm, Eventually.ValueAsync("Docker's mesh still serves the published port", () => ThroughTheMeshAsync(swarm), p => p == Page, Deadline, swarm.DockerdLog));
            Step(clock, "done; tearing down");
        }
        finally
        {
            if (agent is not null)
            {
                await agent.StopAsync(TimeSpan.FromSeconds(30));
                agent.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Shown live when the VM runs with -showLiveOutput: where a run that outlives the VM's timeout stopped.</summary>
    private void Step(Stopwatch clock, string what) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {what}");

    private static void RequireDocker()
    {
        foreach (var tool in new[] { "dockerd", "busybox", "curl" })
        {
            if (!CommandRunner.IsInstalled(tool))
            {
                Assert.Skip($"SKIPPED: {tool} is not installed (tests/lib/prepare-kernel.sh installs it)");
            }
        }
    }

    /// <summary>
    /// Docker's sandboxes copy the forwarding setting of the machine's initial namespace, which dockerd turns on where it
    /// runs there. The node's dockerd runs in a namespace of its own: inside the VM (which has no network) the test turns
    /// it on until disposed; elsewhere it must already be on, since the test never changes the host's.
    /// </summary>
    private static ForwardingSetting ForwardingOn()
    {
        var setting = new ForwardingSetting(File.ReadAllText(ForwardingSetting.Path).Trim());
        if (IpvsKernel.InVm)
        {
            File.WriteAllText(ForwardingSetting.Path, "1");
        }
        else if (setting.Before != "1")
        {
            Assert.Skip("SKIPPED: IPv4 forwarding is off in the initial namespace, and Docker's sandboxes copy it; the test does not change the host's");
        }

        return setting;
    }

    /// <summary>A busybox image made from the machine's static busybox: the node reaches no registry.</summary>
    private static async Task ImportImageAsync(OneNodeSwarm swarm, string folder)
    {
        var root = Directory.CreateDirectory(Path.Combine(folder, "image"));
        Directory.CreateDirectory(Path.Combine(root.FullName, "bin"));
        Directory.CreateDirectory(Path.Combine(root.FullName, "www"));
        File.Copy(CommandRunner.Find("busybox")!, Path.Combine(root.FullName, "bin", "busybox"));
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "www", "index.html"), Page + "\n");
        await CommandRunner.RunCheckedAsync("bash", ["-c", $"tar -C {root.FullName} -c . | docker -H {swarm.DockerHost} import - {Image}"]);
    }

    /// <summary>A GET of the published port at the node's address, from the test's namespace (an off-node client).</summary>
    private static async Task<string> ThroughTheMeshAsync(OneNodeSwarm swarm) =>
        (await CommandRunner.RunCheckedAsync("curl", ["-sS", "--fail", "--max-time", "10", $"http://{swarm.Address}:{PublishedPort}/"])).Trim();

    /// <summary>A failed wait for Docker's mesh, with the mesh's rules, balancer and tasks as the node has them.</summary>
    private static async Task ShowingTheMeshOnFailureAsync(OneNodeSwarm swarm, Task wait)
    {
        try
        {
            await wait;
        }
        catch (XunitException e)
        {
            string[][] views =
            [
                ["iptables-save", "-t", "nat"],
                ["nsenter", "--net=/run/docker/netns/ingress_sbox", "ipvsadm", "-Ln"],
                // The ingress sandbox marks and balances the published port; each task's sandbox redirects it to the target port.
                ["bash", "-c", "for n in /run/docker/netns/*; do echo \"== $n\"; nsenter --net=$n sh -c 'ip -br addr; iptables-save'; done"],
            ];
            var shown = new List<string> { e.Message };
            foreach (var view in views)
            {
                shown.Add(await swarm.ShowAsync(view));
            }

            shown.Add(await swarm.DockerAsync("service", "ps", "--no-trunc", "web"));
            throw new XunitException(string.Join('\n', shown), e);
        }
    }

    /// <summary>The agent's admin endpoint, on loopback inside the node's network namespace.</summary>
    private static async Task<string> AdminAsync(OneNodeSwarm swarm, string path) =>
        (await CommandRunner.RunCheckedAsync("curl", ["-sS", "--fail-with-body", "--max-time", "10", $"http://127.0.0.1:{AdminPort}{path}"], CommandOptions.InNetworkNamespace(swarm.Name))).Trim();

    /// <summary>Each task of the published state with its state.</summary>
    private static Dictionary<string, string> Tasks(string json)
    {
        using var state = JsonDocument.Parse(json);
        return state.RootElement.GetProperty("tasks").EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("state").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>The initial namespace's IPv4 forwarding as it was before the test, put back when disposed if the test changed it.</summary>
    private sealed record ForwardingSetting(string Before) : IDisposable
    {
        public const string Path = "/proc/sys/net/ipv4/ip_forward";

        public void Dispose()
        {
            if (Before != "1")
            {
                File.WriteAllText(Path, Before);
            }
        }
    }
}
