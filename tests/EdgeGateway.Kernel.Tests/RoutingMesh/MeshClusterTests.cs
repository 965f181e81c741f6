using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Kernel.Tests.RoutingMesh;

/// <summary>
/// The routing mesh end to end: three nodes, each running the real `edge-agent run` on a shared state file, with the
/// echo service's tasks on n1 (two) and n2 (one) and none on n3. Clients reach the published port through every
/// node, from the underlay and from the node's own loopback.
/// </summary>
[Collection(MeshClusterGroup.Name)]
public sealed class MeshClusterTests : IAsyncLifetime
{
    private const int Connections = 60;
    private KernelTestScope _scope = null!;
    private MeshCluster _cluster = null!;
    private List<MeshTask> _tasks = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _scope = new KernelTestScope();
        try
        {
            _cluster = await MeshCluster.CreateAsync(_scope, nodes: 3);
            _tasks =
            [
                new("t1", _cluster.Nodes[0], MeshCluster.TaskAddress(1)),
                new("t2", _cluster.Nodes[0], MeshCluster.TaskAddress(2)),
                new("t3", _cluster.Nodes[1], MeshCluster.TaskAddress(3)),
            ];
            await _cluster.WriteStateAsync(_tasks);
            foreach (var node in _cluster.Nodes)
            {
                await _cluster.StartAgentAsync(node);
            }

            foreach (var task in _tasks)
            {
                await _cluster.AttachTaskAsync(task);
            }

            await _cluster.WaitForBackendsAsync([.. _tasks.Select(t => t.Address)]);
        }
        catch
        {
            // xunit does not dispose a test class whose initialization failed
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_scope is not null)
        {
            await _scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task Run_PublishedPort_EveryNodeBalancesTcpAcrossTasksOnAllNodes()
    {
        for (var i = 0; i < _cluster.Nodes.Count; i++)
        {
            var counts = await CountAsync(() => EchoClient.WhoAnswersAsync(_cluster.Client, Published(i), Ct));

            Assert.Equal(["t1", "t2", "t3"], counts.Keys.Order());
            Assert.True(counts.Values.All(c => c >= Connections / 12), $"node {_cluster.Nodes[i]} out of balance: {Show(counts)}");
        }
    }

    [Fact]
    public async Task Run_PublishedPort_LoopbackClientOnEveryNodeIncludingNodeWithoutTasks()
    {
        foreach (var node in _cluster.Nodes)
        {
            var counts = await CountAsync(() => EchoClient.WhoAnswersAsync(_cluster.NodeNamespace(node), new IPEndPoint(IPAddress.Loopback, MeshCluster.Port), Ct));

            Assert.Equal(["t1", "t2", "t3"], counts.Keys.Order());
        }
    }

    [Fact]
    public async Task Run_PublishedUdpPort_EveryNodeAnswersFromTasksOnAllNodes()
    {
        for (var i = 0; i < _cluster.Nodes.Count; i++)
        {
            var counts = await CountAsync(() => EchoClient.WhoAnswersUdpAsync(_cluster.Client, Published(i), Ct));

            Assert.Equal(["t1", "t2", "t3"], counts.Keys.Order());
        }
    }

    [Fact]
    public async Task Run_TaskUnhealthyThenRemovedThenAdded_NewConnectionsFollowEstablishedKept()
    {
        using var toT2 = await ConnectToAsync("t2", node: 2);
        using var toT3 = await ConnectToAsync("t3", node: 0);

        _tasks[1] = _tasks[1] with { Health = "unhealthy" };
        await _cluster.WriteStateAsync(_tasks);
        await _cluster.WaitForBackendsAsync(_tasks[0].Address, _tasks[2].Address);
        Assert.Equal(["t1", "t3"], await EverywhereAsync());
        Assert.Equal("t2:while unhealthy", await toT2.EchoAsync("while unhealthy", Ct));

        _tasks.RemoveAt(2);
        await _cluster.WriteStateAsync(_tasks);
        await _cluster.WaitForBackendsAsync(_tasks[0].Address);
        Assert.Equal(["t1"], await EverywhereAsync());
        Assert.Equal("t3:after removal", await toT3.EchoAsync("after removal", Ct));

        var added = new MeshTask("t4", _cluster.Nodes[2], MeshCluster.TaskAddress(4));
        _tasks.Add(added);
        await _cluster.AttachTaskAsync(added);
        await _cluster.WriteStateAsync(_tasks);
        await _cluster.WaitForBackendsAsync(_tasks[0].Address, added.Address);
        Assert.Equal(["t1", "t4"], await EverywhereAsync());
        Assert.Equal("t2:still", await toT2.EchoAsync("still", Ct));
    }

    [Fact]
    public async Task Run_AgentRestarted_RulesetIdenticalAndConnectionKept()
    {
        var node = _cluster.Nodes[0];
        using var established = await ConnectToAsync("t3", node: 0);
        var before = await RulesetsAsync(node);

        await _cluster.StopAgentAsync(node);
        Assert.Equal("t3:agent stopped", await established.EchoAsync("agent stopped", Ct));
        await _cluster.StartAgentAsync(node);

        Assert.Equal(before, await RulesetsAsync(node));
        Assert.Equal("t3:agent back", await established.EchoAsync("agent back", Ct));
        Assert.Equal(["t1", "t2", "t3"], (await CountAsync(() => EchoClient.WhoAnswersAsync(_cluster.Client, Published(0), Ct))).Keys.Order());
    }

    [Fact]
    public async Task Cleanup_AfterRun_NothingLeftOnAnyNode()
    {
        foreach (var node in _cluster.Nodes)
        {
            await _cluster.StopAgentAsync(node);
            var sandbox = await Cli.NamespaceInodeAsync(MeshCluster.SandboxOf(node));
            var (code, output) = await _cluster.RunAgentCommandAsync("cleanup", node);
            output += $"\nthreads still in the sandbox namespace:\n{await Cli.ThreadsInNamespaceAsync(sandbox)}";

            Assert.True(code == 0, $"edge-agent cleanup on {node} failed ({code}):\n{output}");
            Assert.Equal(string.Empty, (await Cli.NftListRulesetAsync(node)).Trim());
            Assert.False(NetNamespaceStore.Exists(MeshCluster.SandboxOf(node)), $"sandbox namespace of {node} left behind:\n{output}");
            var links = await Cli.IpAsync(node, "-o", "link", "show");
            Assert.True(!links.Contains("eg-", StringComparison.Ordinal), $"links of the agent left on {node}:\n{links}\ncleanup said:\n{output}");
        }
    }

    private static IPEndPoint Published(int node) => new(MeshCluster.Underlay(node + 1), MeshCluster.Port);

    private static async Task<Dictionary<string, int>> CountAsync(Func<Task<string>> probe)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < Connections; i++)
        {
            var who = await probe();
            counts[who] = counts.GetValueOrDefault(who) + 1;
        }

        return counts;
    }

    /// <summary>Which tasks answer new TCP connections, through every node.</summary>
    private async Task<List<string>> EverywhereAsync()
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _cluster.Nodes.Count; i++)
        {
            seen.UnionWith((await CountAsync(() => EchoClient.WhoAnswersAsync(_cluster.Client, Published(i), Ct))).Keys);
        }

        return [.. seen];
    }

    /// <summary>A connection through <paramref name="node"/> that landed on <paramref name="task"/>.</summary>
    private async Task<EchoClient> ConnectToAsync(string task, int node)
    {
        for (var i = 0; i < 200; i++)
        {
            var client = await EchoClient.ConnectAsync(_cluster.Client, Published(node), Ct);
            if (client.Server == task)
            {
                return client;
            }

            client.Dispose();
        }

        throw new InvalidOperationException($"no connection through node {node} reached {task} in 200 tries");
    }

    /// <summary>Both tables the agent keeps on a node, as `nft -j list table` prints them (handles included).</summary>
    private static async Task<string> RulesetsAsync(string node) =>
        $"{await Cli.NftListTableAsync(node, PublishedPortTable.Name)}\n{await Cli.NftListTableAsync(MeshCluster.SandboxOf(node), BalancerTable.Name)}";

    private static string Show(Dictionary<string, int> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}"));
}
