using System.Diagnostics;
using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests;

/// <summary>
/// stack.yml deployed by docker/edge.sh on a real single-node swarm, on a kernel without IPVS: the published port
/// answers because the agent installs the mesh, both through the VIP route (/) and the DNSRR route (/dnsrr/).
/// </summary>
public sealed class StackTests(EdgeDeployment stack, ITestOutputHelper output) : IClassFixture<EdgeDeployment>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly Traffic _traffic = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedPort_Loopback_AnswersFromEveryWhoamiTaskThroughTheVip()
    {
        SkipUnlessDeployed();
        await AssertEveryTaskAnswersAsync(Url("127.0.0.1", "/"), EdgeDeployment.Service("whoami"));
    }

    [Fact]
    public async Task PublishedPort_NodeAddress_AnswersFromEveryWhoamiTaskThroughTheVip()
    {
        SkipUnlessDeployed();
        await AssertEveryTaskAnswersAsync(Url(stack.NodeAddress, "/"), EdgeDeployment.Service("whoami"));
    }

    [Fact]
    public async Task PublishedPort_DnsrrRoute_AnswersFromEveryWhoamiDnsrrTaskOnBothAddresses()
    {
        SkipUnlessDeployed();
        await AssertEveryTaskAnswersAsync(Url("127.0.0.1", "/dnsrr/"), EdgeDeployment.Service("whoami-dnsrr"));
        await AssertEveryTaskAnswersAsync(Url(stack.NodeAddress, "/dnsrr/"), EdgeDeployment.Service("whoami-dnsrr"));
    }

    [Fact]
    public async Task Scale_UpThenDown_NewTasksGetTrafficAndNoRequestFails()
    {
        SkipUnlessDeployed();
        string[] services = [EdgeDeployment.Service("whoami"), EdgeDeployment.Service("whoami-dnsrr")];
        try
        {
            await ScaleUpThenDownAsync(services[0], services[1]);
        }
        finally
        {
            foreach (var service in services)
            {
                await DockerCli.RunAsync("service", "scale", "--detach", $"{service}=3");
            }
        }
    }

    private async Task ScaleUpThenDownAsync(string vipService, string dnsrrService)
    {
        var vipBefore = await DockerCli.RunningHostnamesAsync(vipService);
        var dnsrrBefore = await DockerCli.RunningHostnamesAsync(dnsrrService);
        await DockerCli.RunAsync("service", "scale", "--detach", $"{vipService}=5", $"{dnsrrService}=5");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await DockerCli.RunningHostnamesAsync(vipService)).Count == 5 && (await DockerCli.RunningHostnamesAsync(dnsrrService)).Count == 5);
        var running = clock.Elapsed;
        var vipAdded = (await DockerCli.RunningHostnamesAsync(vipService)).Except(vipBefore).ToHashSet();
        var dnsrrAdded = (await DockerCli.RunningHostnamesAsync(dnsrrService)).Except(dnsrrBefore).ToHashSet();
        Assert.Equal(2, vipAdded.Count);
        Assert.Equal(2, dnsrrAdded.Count);

        // The VIP: new connections from a client container reach the new tasks (the agent's balancing). Through the
        // gateway, its pooled upstream connections to the VIP would keep going to the tasks they were opened to.
        var gateway = (await DockerCli.RunAsync("ps", "-q", "--filter", $"label=com.docker.swarm.service.name={EdgeDeployment.Service("gateway")}")).Split('\n')[0];
        var vip = (await DockerCli.RunAsync("service", "inspect", vipService, "--format", "{{(index .Endpoint.VirtualIPs 0).Addr}}")).Split('/')[0];
        var (vipSeen, vipElapsed) = await VipProbe.UntilAllAnswerAsync(gateway, $"http://{vip}/", vipAdded, Deadline);
        // DNSRR: the gateway's own discovery, end to end through the published port.
        var (dnsrrSeen, dnsrrElapsed) = await _traffic.UntilAllAnswerAsync(Url("127.0.0.1", "/dnsrr/"), dnsrrAdded, Deadline, Cancellation);
        output.WriteLine($"scale 3 -> 5: all tasks running after {running.TotalSeconds:F1} s; then both new VIP tasks answered within {vipElapsed.TotalSeconds:F1} s, both new DNSRR tasks within {dnsrrElapsed.TotalSeconds:F1} s more");
        Assert.Superset(vipAdded, vipSeen.ToHashSet());
        Assert.Superset(dnsrrAdded, dnsrrSeen.ToHashSet());

        await using var vipLoad = new SteadyLoad([new("local", Url("127.0.0.1", "/"), HttpMethod.Get)], clients: 4);
        await using var dnsrrLoad = new SteadyLoad([new("local", Url("127.0.0.1", "/dnsrr/"), HttpMethod.Get)], clients: 4);
        vipLoad.Start();
        dnsrrLoad.Start();
        await DockerCli.RunAsync("service", "scale", "--detach", $"{vipService}=3", $"{dnsrrService}=3");
        await WaitUntilAsync(async () => (await DockerCli.RunningHostnamesAsync(vipService)).Count == 3 && (await DockerCli.RunningHostnamesAsync(dnsrrService)).Count == 3);

        // Keep the load on a little longer: the removed tasks' connections drain after they leave the mesh.
        await Task.Delay(TimeSpan.FromSeconds(5), Cancellation);
        await vipLoad.StopAsync();
        await dnsrrLoad.StopAsync();
        output.WriteLine($"scale 5 -> 3 under load: / {vipLoad.Sent} requests, {vipLoad.Failed} failed {string.Join(" | ", vipLoad.FirstErrors)}");
        output.WriteLine($"scale 5 -> 3 under load: /dnsrr/ {dnsrrLoad.Sent} requests, {dnsrrLoad.Failed} failed {string.Join(" | ", dnsrrLoad.FirstErrors)}");
        Assert.True(vipLoad.Sent > 0 && dnsrrLoad.Sent > 0, "the load sent no request");
        Assert.Equal(0, vipLoad.Failed);
        Assert.Equal(0, dnsrrLoad.Failed);
    }

    [Fact]
    public async Task GatewayKilled_UnderLoad_OnlyRequestsInFlightFailAndTrafficRecovers()
    {
        SkipUnlessDeployed();
        var gatewayService = EdgeDeployment.Service("gateway");
        await WaitUntilAsync(async () => (await DockerCli.RunningHostnamesAsync(gatewayService)).Count == 2);
        var before = await DockerCli.RunningHostnamesAsync(gatewayService);
        Assert.Equal(2, before.Count);
        var victim = before.Order(StringComparer.Ordinal).First();
        var victimAddress = await IngressAddressAsync(victim);
        Assert.True(IngressBalancer.Names(await IngressBalancer.RulesAsync(), victimAddress), $"gateway {victim} ({victimAddress}) must be in the ingress balancer before the kill");

        // A new connection per request: a kept-alive connection to the killed task would fail on its next request,
        // which was not in flight at the kill.
        await using var vipLoad = new SteadyLoad([new("local", Url("127.0.0.1", "/"), HttpMethod.Get)], clients: 4, keepAlive: false);
        await using var dnsrrLoad = new SteadyLoad([new("local", Url("127.0.0.1", "/dnsrr/"), HttpMethod.Get)], clients: 4, keepAlive: false);
        vipLoad.Start();
        dnsrrLoad.Start();
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        await KillUnderLoadAsync(gatewayService, before, victim, victimAddress, [vipLoad, dnsrrLoad]);
    }

    private async Task KillUnderLoadAsync(string gatewayService, IReadOnlySet<string> before, string victim, string victimAddress, SteadyLoad[] loads)
    {
        var failedBeforeKill = loads.Sum(l => l.Failed);
        var inFlight = loads.Sum(l => l.InFlight);
        var killedAt = Stopwatch.GetTimestamp();
        await DockerCli.RunAsync("kill", victim);
        var killed = Stopwatch.GetElapsedTime(killedAt);
        await WaitUntilAsync(async () => !IngressBalancer.Names(await IngressBalancer.RulesAsync(), victimAddress));
        var dropped = Stopwatch.GetElapsedTime(killedAt);
        var droppedFromBalancer = !IngressBalancer.Names(await IngressBalancer.RulesAsync(), victimAddress);

        // The agent deletes the conntrack entries the dead task answered, so no retransmitted SYN or reused client
        // port follows one of them to the dead address.
        await WaitUntilAsync(async () => await IngressBalancer.ConnectionsAnsweredByAsync(victimAddress) == 0);
        var forgotten = Stopwatch.GetElapsedTime(killedAt);
        var leftToVictim = await IngressBalancer.ConnectionsAnsweredByAsync(victimAddress);

        // Swarm replaces the task (restart delay, then the health check): full strength again once the new task is in
        // the balancer. The load keeps running meanwhile, and a few seconds after, when nothing may fail any more.
        var replacement = string.Empty;
        var replacementAddress = string.Empty;
        await WaitUntilAsync(async () =>
        {
            replacement = (await DockerCli.RunningHostnamesAsync(gatewayService)).Except(before).FirstOrDefault() ?? string.Empty;
            replacementAddress = replacement.Length > 0 ? await IngressAddressAsync(replacement) : string.Empty;
            return replacementAddress.Length > 0 && IngressBalancer.Names(await IngressBalancer.RulesAsync(), replacementAddress);
        });
        var replaced = Stopwatch.GetElapsedTime(killedAt);
        var failedAtFullStrength = loads.Sum(l => l.Failed);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancellation);
        foreach (var load in loads)
        {
            await load.StopAsync();
        }

        var toReplacement = replacementAddress.Length > 0 ? await IngressBalancer.ConnectionsAnsweredByAsync(replacementAddress) : 0;
        var failedByKill = failedAtFullStrength - failedBeforeKill;

        // Back to full: no request fails any more. The machine's load makes single requests slow at any time (more so
        // while the replacement starts), so the latency is shown per second around the kill rather than judged.
        var requests = loads.SelectMany(l => l.Requests).ToList();
        var failures = requests.Where(r => !r.Answered && r.Ended >= killedAt).ToList();
        // Each client has at most one request in flight, so however the kill falls, no more than that many can have been
        // in flight on the victim when it died.
        var clients = loads.Sum(l => l.Clients);
        var recovered = failures.Count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(killedAt, failures.Max(r => r.Ended));
        output.WriteLine($"gateway {victim} killed under load ({inFlight} requests in flight as the kill started, at most {clients} at any moment; `docker kill` took {killed.TotalSeconds:F2} s):");
        output.WriteLine($"  out of the ingress balancer {dropped.TotalSeconds:F2} s after the kill started (polling nft)");
        output.WriteLine($"  no conntrack entry towards it left {forgotten.TotalSeconds:F2} s after the kill started (polling conntrack)");
        output.WriteLine($"  {failedByKill} requests failed; traffic back to full (no failure ending later) {recovered.TotalSeconds:F2} s after the kill started");
        output.WriteLine("  second after the kill: requests answered, failed, slowest answer (by when they ended)");
        foreach (var second in Enumerable.Range(-2, 12))
        {
            var ended = requests.Where(r => Math.Floor(Stopwatch.GetElapsedTime(killedAt, r.Ended).TotalSeconds) == second).ToList();
            output.WriteLine($"    {second,3}: {ended.Count(r => r.Answered),4} answered, {ended.Count(r => !r.Answered)} failed, slowest {ended.Select(r => r.Took).DefaultIfEmpty().Max().TotalSeconds:F2} s");
        }

        output.WriteLine($"  replacement {replacement} ({replacementAddress}) in the balancer after {replaced.TotalSeconds:F1} s; it answered {toReplacement} connections in the 3 s after");
        foreach (var (load, path) in loads.Zip(["/", "/dnsrr/"]))
        {
            output.WriteLine($"  {path}: {load.Sent} requests, {load.Failed} failed {string.Join(" | ", load.FirstErrors)}");
        }

        var agentLog = await DockerCli.RunAsync("service", "logs", "--raw", EdgeDeployment.Service("agent"));
        foreach (var line in agentLog.Split('\n').Where(l => l.Contains("Dead backends", StringComparison.Ordinal)))
        {
            output.WriteLine($"  agent: {line.Trim()}");
        }

        Assert.True(loads.All(l => l.Sent > 0), "the load sent no request");
        Assert.Equal(0, failedBeforeKill);
        Assert.True(droppedFromBalancer, $"the killed gateway's address {victimAddress} is still in the ingress balancer");
        Assert.True(leftToVictim == 0, $"{leftToVictim} conntrack entries towards the killed gateway {victimAddress} are left in the ingress sandbox");
        Assert.True(failedByKill <= clients, $"{failedByKill} requests failed: more than the {clients} that can be in flight at once");
        Assert.True(replacementAddress.Length > 0, "swarm's replacement gateway task never entered the ingress balancer");
        Assert.Equal(failedAtFullStrength, loads.Sum(l => l.Failed));
        Assert.True(toReplacement > 0, $"the replacement gateway {replacement} answered no connection through the published port");
    }

    private static async Task<string> IngressAddressAsync(string container) =>
        await DockerCli.RunAsync("inspect", container, "--format", "{{(index .NetworkSettings.Networks \"ingress\").IPAddress}}");

    [Fact]
    public async Task AgentStopped_PublishedPort_FailsUntilTheAgentIsBack()
    {
        SkipUnlessDeployed();
        var url = Url("127.0.0.1", "/");
        Assert.False(await _traffic.FailsAsync(url, Cancellation), "the published port must answer before the agent is stopped");

        // Docker alone: without the agent's service and the tables it left (it never flushes them on stop),
        // this kernel has no IPVS, so Docker's own mesh leaves the published port dead.
        await DockerCli.RunAsync("service", "rm", EdgeDeployment.Service("agent"));
        await WaitUntilAsync(async () => (await DockerCli.RunAsync("ps", "-q", "--filter", $"label=com.docker.swarm.service.name={EdgeDeployment.Service("agent")}")).Length == 0);
        await Processes.RunAsync("nft", ["delete", "table", "ip", "edge_ingress"]);
        await Processes.RunAsync("nsenter", ["--net=/var/run/docker/netns/ingress_sbox", "nft", "delete", "table", "ip", "edge_mesh"]);
        var failures = 0;
        for (var i = 0; i < 5; i++)
        {
            failures += await _traffic.FailsAsync(url, Cancellation) ? 1 : 0;
        }

        output.WriteLine($"agent stopped: {failures} of 5 requests to the published port failed (Docker's own mesh, no IPVS)");
        Assert.Equal(5, failures);

        var up = await EdgeDeployment.EdgeShAsync("up");
        Assert.True(up.ExitCode == 0, up.Describe("docker/edge.sh up"));
        await WaitUntilAsync(async () => !await _traffic.FailsAsync(url, Cancellation));
        Assert.False(await _traffic.FailsAsync(url, Cancellation), "the published port must answer again once the agent is back");
    }

    [Fact]
    public async Task AgentStatus_OnDocker_ShowsThePublishedPortAndTheVipWithTheirTasks()
    {
        SkipUnlessDeployed();
        var agent = (await DockerCli.RunAsync("ps", "-q", "--filter", $"label=com.docker.swarm.service.name={EdgeDeployment.Service("agent")}")).Split('\n')[0];
        var ingress = (await DockerCli.RunAsync("network", "inspect", "docker_gwbridge", "--format", "{{(index .Containers \"ingress-sbox\").IPv4Address}}")).Split('/')[0];
        var vip = (await DockerCli.RunAsync("service", "inspect", EdgeDeployment.Service("whoami"), "--format", "{{(index .Endpoint.VirtualIPs 0).Addr}}")).Split('/')[0];
        var whoamiTasks = await DockerCli.RunAsync("service", "ps", EdgeDeployment.Service("whoami"), "--filter", "desired-state=running", "-q");

        var status = await DockerCli.RunAsync("exec", agent, "dotnet", "/app/edge-agent.dll", "status", "--source", "docker");

        output.WriteLine(status);
        Assert.Contains("Mesh: the agent's (no IPVS in this kernel)", status, StringComparison.Ordinal);
        Assert.Equal(2, BackendsOf(status, $"TCP  {ingress}:{EdgeDeployment.Port}"));
        Assert.Equal(whoamiTasks.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, BackendsOf(status, $"TCP  {vip}:80"));
    }

    /// <summary>The number of backend lines ("  -> address:port ...") under a frontend line of the status table.</summary>
    private static int BackendsOf(string status, string frontend)
    {
        var lines = status.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(frontend + " ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no frontend '{frontend}' in the status:\n{status}");
        return lines.Skip(at + 1).TakeWhile(l => l.StartsWith("  -> ", StringComparison.Ordinal)).Count();
    }

    public void Dispose() => _traffic.Dispose();

    private void SkipUnlessDeployed()
    {
        if (stack.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static Uri Url(string host, string path) => new($"http://{host}:{EdgeDeployment.Port}{path}");

    private async Task AssertEveryTaskAnswersAsync(Uri url, string service)
    {
        var expected = await DockerCli.RunningHostnamesAsync(service);
        Assert.Equal(3, expected.Count);
        var (seen, elapsed) = await _traffic.UntilAllAnswerAsync(url, expected, Deadline, Cancellation);
        output.WriteLine($"{url}: {seen.Count} distinct tasks answered within {elapsed.TotalSeconds:F1} s");
        Assert.Superset(expected.ToHashSet(), seen.ToHashSet());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition() && clock.Elapsed < Deadline)
        {
            await Task.Delay(250, Cancellation);
        }
    }
}
