using EdgeGateway.Swarm.Tests.Support;

namespace EdgeGateway.Swarm.Tests.MultiNode;

/// <summary>
/// stack.yml on a real 3-node swarm (docker/swarm-nodes.sh), on a kernel without IPVS, reached from the host: an
/// off-node client for every node. Every node's published port answers from every task of both upstreams, whichever
/// node the tasks and the gateways run on: the agent on every node (workers follow a manager's agent) installs the
/// mesh, and its one rule in Docker's DOCKER-USER chain lets the client's packets past Docker's FORWARD DROP.
/// </summary>
[Collection(MultiNodeGroup.Name)]
public sealed class MultiNodeStackTests(MultiNodeSwarm swarm, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly Traffic _traffic = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedPort_EveryNodeAddress_AnswersFromEveryWhoamiTaskAndEveryDnsrrTask()
    {
        await swarm.ReadyAsync();
        var vip = await DockerCli.RunningHostnamesAsync(MultiNodeSwarm.Service("whoami"), swarm.Manager.DockerHost);
        var dnsrr = await DockerCli.RunningHostnamesAsync(MultiNodeSwarm.Service("whoami-dnsrr"), swarm.Manager.DockerHost);
        Assert.Equal(3, vip.Count);
        Assert.Equal(3, dnsrr.Count);

        foreach (var node in swarm.Nodes)
        {
            await AssertEveryTaskAnswersAsync(node, "/", vip);
            await AssertEveryTaskAnswersAsync(node, "/dnsrr/", dnsrr);
        }
    }

    [Fact]
    public async Task DockerUserChain_EveryNode_HoldsTheAgentsOneAcceptForThePublishedPort()
    {
        await swarm.ReadyAsync();
        foreach (var node in swarm.Nodes)
        {
            // the precondition that makes the rule necessary: Docker's FORWARD policy on the node
            Assert.Contains("-P FORWARD DROP", await MultiNodeSwarm.InNodeAsync(node, "iptables-nft", "-S", "FORWARD"), StringComparison.Ordinal);

            var rules = await WaitForAgentRuleAsync(node);

            output.WriteLine($"{node.Name}: {rules}");
            var agent = Assert.Single(rules.Split('\n'), l => l.Contains("edge-agent:", StringComparison.Ordinal));
            Assert.Contains($"-o docker_gwbridge -m comment --comment \"edge-agent: published ports tcp/{MultiNodeSwarm.Port} to ", agent, StringComparison.Ordinal);
            Assert.EndsWith(" via docker_gwbridge\" -j ACCEPT", agent, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _traffic.Dispose();

    private async Task AssertEveryTaskAnswersAsync(SwarmNode node, string path, IReadOnlySet<string> expected)
    {
        var url = new Uri($"http://{node.Address}:{MultiNodeSwarm.Port}{path}");
        var (seen, elapsed) = await _traffic.UntilAllAnswerAsync(url, expected, Deadline, Cancellation);
        output.WriteLine($"{node.Name} {url}: {seen.Count} of {expected.Count} tasks answered within {elapsed.TotalSeconds:F1} s");
        Assert.Superset(expected.ToHashSet(), seen.ToHashSet());
    }

    /// <summary>The node's DOCKER-USER chain once the agent's rule is in (or as it is at the deadline).</summary>
    private static async Task<string> WaitForAgentRuleAsync(SwarmNode node)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rules = await MultiNodeSwarm.InNodeAsync(node, "iptables-nft", "-S", "DOCKER-USER");
            if (rules.Contains("edge-agent:", StringComparison.Ordinal) || clock.Elapsed > Deadline)
            {
                return rules;
            }

            await Task.Delay(500, Cancellation);
        }
    }
}
