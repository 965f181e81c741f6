using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Kernel.Tests.Nftables;

/// <summary>The nftables balancer on a real kernel: a balancer namespace, backend namespaces, real TCP and UDP.</summary>
public sealed class NftablesBalancerDataplaneTests : IAsyncLifetime
{
    private static readonly IPEndPoint TcpFrontend = new(BalancerTopology.Vip, 80);
    private KernelTestScope _scope = null!;
    private BalancerTopology _net = null!;
    private FaultingRunner _runner = null!;
    private NftablesBalancerDataplane _dataplane = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _scope = new KernelTestScope();
        try
        {
            _net = await BalancerTopology.CreateAsync(_scope, backends: 3);
            _runner = new FaultingRunner(new LibNftablesRunner(_net.Balancer.RunAsync), "delete element ip edge_mesh services { 10.213.254.254 . tcp . 1 }");
            _dataplane = new NftablesBalancerDataplane(_runner, ConntrackTable.Reader(_net.Balancer.RunAsync));
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
        if (_dataplane is not null)
        {
            await _dataplane.DisposeAsync();
        }

        if (_net is not null)
        {
            await _net.DisposeAsync();
        }

        if (_scope is not null)
        {
            await _scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task ApplyAsync_WeightedBackends_NewConnectionsSpreadByWeight()
    {
        await _dataplane.AdoptAsync(Ct);
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1, 4), Ct);

        var counts = await CountTcpAsync(300);

        Assert.Equal(["b1", "b2", "b3"], counts.Keys.Order());
        Assert.True(counts["b3"] > counts["b1"] && counts["b3"] > counts["b2"], $"weight 4 must get most: {Show(counts)}");
    }

    [Fact]
    public async Task ApplyAsync_WeightZero_NoNewConnectionsButEstablishedKeepsWorking()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1, 1), Ct);
        using var toB1 = await ConnectToAsync("b1");

        var ops = await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 0, 1, 1), Ct);
        var counts = await CountTcpAsync(60);

        Assert.Equal(3, ops);
        Assert.DoesNotContain("b1", counts.Keys);
        Assert.Equal(["b2", "b3"], counts.Keys.Order());
        Assert.Equal("b1:still there", await toB1.EchoAsync("still there", Ct));
    }

    [Fact]
    public async Task ApplyAsync_BackendRemovedFromPlan_EstablishedKeepsWorking()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1, 1), Ct);
        using var toB3 = await ConnectToAsync("b3");

        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1), Ct);

        Assert.DoesNotContain("b3", (await CountTcpAsync(60)).Keys);
        Assert.Equal("b3:after removal", await toB3.EchoAsync("after removal", Ct));
    }

    [Fact]
    public async Task ApplyAsync_Udp_DatagramsSpreadAndAnswered()
    {
        var udp = new BalancerEntry("dns", new Frontend(BalancerTopology.Vip, L4Protocol.Udp, 53), Scheduler.RoundRobin, Backends(1, 1, 1));
        await _dataplane.ApplyAsync(BalancerPlan.From([udp]), Ct);

        var seen = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            var who = await EchoClient.WhoAnswersUdpAsync(_net.Client, new IPEndPoint(BalancerTopology.Vip, 53), Ct);
            seen[who] = seen.GetValueOrDefault(who) + 1;
        }

        Assert.Equal(["b1", "b2", "b3"], seen.Keys.Order());
    }

    [Fact]
    public async Task ApplyAsync_ConsistentHash_SameClientSameBackend()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.ConsistentHash, 1, 1, 1), Ct);

        var counts = await CountTcpAsync(30);

        Assert.Single(counts);
    }

    [Fact]
    public async Task ApplyAsync_NoBackend_ConnectionRefused()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin), Ct);

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => EchoClient.WhoAnswersAsync(_net.Client, TcpFrontend, Ct));
    }

    [Fact]
    public async Task ApplyAsync_BackendRefusesTheSyn_RetransmittedSynBalancedAgain()
    {
        // b1 has nothing listening on 8081: it answers the SYN with RST+ACK, as a task whose process just died does.
        var refusing = new Backend(IPAddress.Parse("10.213.1.2"), 8081, 1);
        await _dataplane.ApplyAsync(BalancerPlan.From([Entry(Scheduler.RoundRobin) with { Backends = [refusing] }]), Ct);

        var connecting = EchoClient.WhoAnswersAsync(_net.Client, TcpFrontend, Ct);
        await Task.Delay(300, Ct);
        var stillTrying = !connecting.IsCompleted;
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 0, 1, 0), Ct);

        Assert.True(stillTrying, "the refusal reached the client instead of being dropped");
        Assert.Equal("b2", await connecting);
    }

    [Fact]
    public async Task ApplyAsync_KernelRefusesHalfway_PreviousRulesetWholeAndNextApplyRecovers()
    {
        var udp = new BalancerEntry("dns", new Frontend(BalancerTopology.Vip, L4Protocol.Udp, 53), Scheduler.RoundRobin, Backends(1, 1));
        await _dataplane.ApplyAsync(BalancerPlan.From([Entry(Scheduler.RoundRobin, 1, 1, 0), udp]), Ct);
        var before = await Cli.NftListTableAsync(_net.Balancer.Name, BalancerTable.Name);
        var changed = BalancerPlan.From([Entry(Scheduler.RoundRobin, 0, 0, 1), udp with { Backends = Backends(0, 0, 1) }]);
        _runner.FailNext = true;

        var error = await Assert.ThrowsAsync<NftablesException>(() => _dataplane.ApplyAsync(changed, Ct));

        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Cli.NftListTableAsync(_net.Balancer.Name, BalancerTable.Name));
        Assert.Equal(["b1", "b2"], (await CountTcpAsync(40)).Keys.Order());
        await _dataplane.ApplyAsync(changed, Ct);
        Assert.Equal(["b3"], (await CountTcpAsync(10)).Keys);
    }

    [Fact]
    public async Task AdoptAsync_NewInstanceSamePlan_NothingAppliedRulesetIdenticalConnectionKept()
    {
        var plan = Plan(Scheduler.RoundRobin, 1, 2, 0);
        await _dataplane.ApplyAsync(plan, Ct);
        using var established = await ConnectToAsync("b2");
        var before = await Cli.NftListTableAsync(_net.Balancer.Name, BalancerTable.Name);

        await using var restarted = NftablesDataplanes.CreateBalancer(_net.Balancer);
        var adopted = await restarted.AdoptAsync(Ct);
        var ops = await restarted.ApplyAsync(plan, Ct);

        Assert.Equal(0, ops);
        Assert.Equal([2], adopted.Frontends.Select(f => f.Backends.Length));
        Assert.Equal(before, await Cli.NftListTableAsync(_net.Balancer.Name, BalancerTable.Name));
        Assert.Equal("b2:kept", await established.EchoAsync("kept", Ct));
    }

    [Fact]
    public async Task ApplyAsync_IncrementalChange_OtherChainsKeepTheirHandles()
    {
        var udp = new BalancerEntry("dns", new Frontend(BalancerTopology.Vip, L4Protocol.Udp, 53), Scheduler.RoundRobin, Backends(1, 1));
        await _dataplane.ApplyAsync(BalancerPlan.From([Entry(Scheduler.RoundRobin, 1, 1), udp]), Ct);
        var udpChain = ChainNames.ForService("dns", udp.Frontend);
        var before = await RulesOfAsync(udpChain);

        var ops = await _dataplane.ApplyAsync(BalancerPlan.From([Entry(Scheduler.RoundRobin, 1, 1, 1), udp]), Ct);

        Assert.Equal(3, ops);
        Assert.Equal(before, await RulesOfAsync(udpChain));
        Assert.Equal(["b1", "b2", "b3"], (await CountTcpAsync(60)).Keys.Order());
    }

    [Fact]
    public async Task ReadAsync_AfterApply_KernelContentsWithWeights()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.ConsistentHash, 2, 0, 3), Ct);

        var status = await _dataplane.ReadAsync(Ct);

        var frontend = Assert.Single(status.Frontends);
        Assert.Equal(new Frontend(BalancerTopology.Vip, L4Protocol.Tcp, 80), frontend.Frontend);
        Assert.Equal([2, 3], frontend.Backends.Select(b => b.Backend.Weight));
        Assert.StartsWith("jhash", frontend.Scheduler, StringComparison.Ordinal);
        Assert.Equal(0, frontend.Backends.Sum(b => b.ActiveConnections));
    }

    [Fact]
    public async Task ReadAsync_OpenConnections_CountedOnTheirBackend()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1, 1), Ct);
        using var first = await ConnectToAsync("b2");
        using var second = await ConnectToAsync("b2");

        var status = await _dataplane.ReadAsync(Ct);

        Assert.Equal([0L, 2L, 0L], Assert.Single(status.Frontends).Backends.Select(b => b.ActiveConnections));
    }

    [Fact]
    public async Task RemoveAllAsync_AfterApply_NamespaceRulesetEmpty()
    {
        await _dataplane.ApplyAsync(Plan(Scheduler.RoundRobin, 1, 1, 1), Ct);

        await _dataplane.RemoveAllAsync(Ct);
        await _dataplane.RemoveAllAsync(Ct);

        Assert.Equal(string.Empty, (await Cli.NftListRulesetAsync(_net.Balancer.Name)).Trim());
    }

    private static BalancerPlan Plan(Scheduler scheduler, params int[] weights) => BalancerPlan.From([Entry(scheduler, weights)]);

    private static BalancerEntry Entry(Scheduler scheduler, params int[] weights) =>
        new("web", new Frontend(BalancerTopology.Vip, L4Protocol.Tcp, 80), scheduler, Backends(weights));

    private static System.Collections.Immutable.ImmutableArray<Backend> Backends(params int[] weights) =>
        [.. weights.Select((w, i) => new Backend(IPAddress.Parse($"10.213.{i + 1}.2"), BalancerTopology.BackendPort, w))];

    private async Task<Dictionary<string, int>> CountTcpAsync(int connections)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < connections; i++)
        {
            var who = await EchoClient.WhoAnswersAsync(_net.Client, TcpFrontend, Ct);
            counts[who] = counts.GetValueOrDefault(who) + 1;
        }

        return counts;
    }

    /// <summary>Opens connections until one lands on <paramref name="backend"/> (random choice: it will, soon).</summary>
    private async Task<EchoClient> ConnectToAsync(string backend)
    {
        for (var i = 0; i < 200; i++)
        {
            var client = await EchoClient.ConnectAsync(_net.Client, TcpFrontend, Ct);
            if (client.Server == backend)
            {
                return client;
            }

            client.Dispose();
        }

        throw new InvalidOperationException($"no connection reached {backend} in 200 tries");
    }

    private async Task<string> RulesOfAsync(string chain) =>
        await CommandRunner.RunCheckedAsync("nft", ["-j", "list", "chain", "ip", BalancerTable.Name, chain], CommandOptions.InNetworkNamespace(_net.Balancer.Name));

    private static string Show(Dictionary<string, int> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}"));
}
