using System.Text.Json;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// The gateway's DNSRR view follows the node agent's feed of Docker's events, on a real swarm. The gateway is rolled to
/// re-resolve DNS only every 10 minutes (Docker's TTL bounds it there), so when every gateway task lists whoami-dnsrr's
/// new tasks within seconds of a scale up, and drops them within seconds of a scale down, the node agent's feed (over
/// the socket in the node's agent-feed volume) told it. The gateway's settings are rolled back afterwards, also when
/// the test fails.
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class GatewayAgentFeedTests(MultiNodeSwarm swarm, ITestOutputHelper output)
{
    private const int Replicas = 3;
    private const int ScaledReplicas = 5;
    private const string DnsName = "tasks.whoami-dnsrr";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    // Far below the 10 minutes between DNS polls: only the agent's word can explain a change this soon.
    private static readonly TimeSpan FollowDeadline = TimeSpan.FromSeconds(20);

    private static string Gateway => MultiNodeSwarm.Service("gateway");

    private static string Dnsrr => MultiNodeSwarm.Service("whoami-dnsrr");

    [Fact]
    public async Task GatewayDnsrrView_DnsPolledEveryTenMinutes_FollowsScaleUpAndDownThroughTheAgentsFeed()
    {
        await swarm.ReadyAsync();
        var (rolled, scaled, passed) = (false, false, false);
        try
        {
            await swarm.ManagerAsync("service", "update", "--detach", "--env-add", "EDGE_DNS_REFRESH=600s", "--update-monitor", "1s", "--update-delay", "0s", Gateway);
            rolled = true;
            await UpdateDoneAsync("completed", "the gateway rolled to 10-minute DNS polling");
            await swarm.ReadyAsync();
            var gateways = await swarm.RunningTasksAsync("gateway");
            foreach (var gateway in gateways)
            {
                var status = await StatusAsync(gateway);
                Assert.True(status.Following, $"the gateway on {gateway.Node.Name} follows its node agent's feed: {status.Json}");
            }

            await swarm.ManagerAsync("service", "scale", "--detach", $"{Dnsrr}={ScaledReplicas}");
            scaled = true;
            var grown = await Eventually.ValueAsync($"{ScaledReplicas} whoami-dnsrr tasks running", () => TaskAddressesAsync(), a => a.Count == ScaledReplicas, Deadline);
            await EveryGatewayListsAsync(gateways, grown, "after the scale up");

            await swarm.ManagerAsync("service", "scale", "--detach", $"{Dnsrr}={Replicas}");
            scaled = false;
            var shrunk = await Eventually.ValueAsync($"{Replicas} whoami-dnsrr tasks running", () => TaskAddressesAsync(), a => a.Count == Replicas, Deadline);
            await EveryGatewayListsAsync(gateways, shrunk, "after the scale down");
            passed = true;
        }
        finally
        {
            try
            {
                if (scaled)
                {
                    await swarm.ManagerAsync("service", "scale", "--detach", $"{Dnsrr}={Replicas}");
                }

                if (rolled)
                {
                    await swarm.ManagerAsync("service", "rollback", "--detach", Gateway);
                    await UpdateDoneAsync("rollback_completed", "the gateway rolled back to its stack settings");
                }

                await swarm.ReadyAsync();
            }
            catch (Exception e) when (!passed)
            {
                output.WriteLine($"!!! restoring the swarm failed too: {e}");
            }
        }
    }

    private async Task EveryGatewayListsAsync(IReadOnlyList<SwarmTask> gateways, IReadOnlySet<string> addresses, string when)
    {
        foreach (var gateway in gateways)
        {
            var started = TimeProvider.System.GetTimestamp();
            await Eventually.ValueAsync(
                $"the gateway on {gateway.Node.Name} lists exactly [{string.Join(", ", addresses.Order(StringComparer.Ordinal))}] for {DnsName} {when}",
                async () => (await StatusAsync(gateway)).Addresses.Order(StringComparer.Ordinal).ToList(),
                listed => listed.ToHashSet(StringComparer.Ordinal).SetEquals(addresses),
                FollowDeadline);
            var took = TimeProvider.System.GetElapsedTime(started);
            output.WriteLine($"{when}: the gateway on {gateway.Node.Name} listed the {addresses.Count} tasks within {took.TotalSeconds:F1} s of their running");
        }
    }

    /// <summary>Waits for the gateway's update to reach <paramref name="state"/>; an update that swarm paused or rolled back by itself fails at once.</summary>
    private async Task UpdateDoneAsync(string state, string what)
    {
        var reached = await Eventually.ValueAsync(what, async () =>
            await swarm.ManagerAsync("service", "inspect", "--format", "{{if .UpdateStatus}}{{.UpdateStatus.State}} {{.UpdateStatus.Message}}{{end}}", Gateway),
            s => s.StartsWith(state, StringComparison.Ordinal) || s.Contains("paused", StringComparison.Ordinal)
                || (state == "completed" && s.StartsWith("rollback_", StringComparison.Ordinal)),
            Deadline);
        Assert.True(reached.StartsWith(state, StringComparison.Ordinal), $"{what}: the update ended as '{reached}'");
    }

    /// <summary>The addresses of whoami-dnsrr's running tasks on the stack's network.</summary>
    private async Task<IReadOnlySet<string>> TaskAddressesAsync()
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in await swarm.RunningTasksAsync("whoami-dnsrr"))
        {
            var address = await swarm.ManagerAsync(
                "inspect", "--format",
                $"{{{{range .NetworksAttachments}}}}{{{{if eq .Network.Spec.Name \"{MultiNodeSwarm.Stack}_edge\"}}}}{{{{index .Addresses 0}}}}{{{{end}}}}{{{{end}}}}",
                task.Id);
            addresses.Add(address.Split('/')[0]);
        }

        return addresses;
    }

    /// <summary>A gateway task's /status, read on its private admin port from inside its container.</summary>
    private static async Task<GatewayStatus> StatusAsync(SwarmTask gateway)
    {
        var json = await MultiNodeSwarm.DockerAsync(gateway.Node, "exec", gateway.Container, "/usr/local/bin/busybox", "wget", "-q", "-O", "-", "http://127.0.0.1:8081/status");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var addresses = root.GetProperty("dns").EnumerateArray()
            .Where(d => d.GetProperty("name").GetString() == DnsName)
            .SelectMany(d => d.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()!.Split(':')[0]))
            .ToHashSet(StringComparer.Ordinal);
        return new GatewayStatus(root.GetProperty("agentFeed").GetProperty("following").GetBoolean(), addresses, json);
    }

    private sealed record GatewayStatus(bool Following, HashSet<string> Addresses, string Json);
}
