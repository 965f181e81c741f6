using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Kernel.Tests.Nftables;

/// <summary>
/// Published-port DNAT on a real kernel. A "node" namespace stands in for the host namespace (the host's own ruleset
/// is never touched); a sandbox namespace behind a veth runs the echo server, a remote namespace is a client on the
/// node's other link.
/// </summary>
public sealed class NftablesPublishedPortDnatTests : IAsyncLifetime
{
    private const string NodeVeth = "eg0";
    private static readonly IPAddress Sandbox = IPAddress.Parse("10.214.1.2");
    private static readonly IPEndPoint NodeFromRemote = new(IPAddress.Parse("10.214.2.1"), 8080);
    private static readonly ImmutableArray<PublishedPortDnat> Published =
    [
        new(L4Protocol.Tcp, 8080, Sandbox, 80),
        new(L4Protocol.Udp, 8080, Sandbox, 80),
    ];

    private KernelTestScope _scope = null!;
    private NetNamespace _node = null!;
    private NetNamespace _remote = null!;
    private EchoServer? _server;
    private FaultingRunner _runner = null!;
    private NftablesPublishedPortDnat _dnat = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The node's filter table as dockerd leaves it: FORWARD policy DROP, DOCKER-USER first, replies out of the bridge accepted.</summary>
    private async Task DockerFilterAsync()
    {
        foreach (var args in new[]
        {
            "-N DOCKER-USER", "-A DOCKER-USER -j RETURN", "-P FORWARD DROP", "-A FORWARD -j DOCKER-USER",
            $"-A FORWARD -o {NodeVeth} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", $"-A FORWARD -i {NodeVeth} ! -o {NodeVeth} -j ACCEPT",
        })
        {
            await Cli.RunAsync("ip", ["netns", "exec", _node.Name, "iptables-nft", .. args.Split(' ')]);
        }
    }

    private async Task<string[]> DockerUserListedAsync() =>
        (await Cli.RunAsync("ip", "netns", "exec", _node.Name, "iptables-nft", "-S", "DOCKER-USER")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async ValueTask InitializeAsync()
    {
        _scope = new KernelTestScope();
        try
        {
            _node = await _scope.CreateNamespaceAsync("node");
            var sandbox = await _scope.CreateNamespaceAsync("sbx");
            _remote = await _scope.CreateNamespaceAsync("rem");
            if (!await _node.RunAsync(NftablesDataplanes.IsAvailable))
            {
                Assert.Skip("SKIPPED: libnftables.so.1 cannot be loaded or cannot reach the kernel (apt-get install libnftables1)");
            }

            await Cli.IpAsync(_node.Name, "link", "set", "lo", "up");
            await Cli.SysctlAsync(_node.Name, "net.ipv4.ip_forward", "1");
            await Cli.IpAsync(_node.Name, "link", "add", NodeVeth, "type", "veth", "peer", "name", "eth0", "netns", sandbox.Name);
            await Cli.IpAsync(_node.Name, "addr", "add", "10.214.1.1/24", "dev", NodeVeth);
            await Cli.IpAsync(_node.Name, "link", "set", NodeVeth, "up");
            await Cli.IpAsync(sandbox.Name, "addr", "add", "10.214.1.2/24", "dev", "eth0");
            await Cli.IpAsync(sandbox.Name, "link", "set", "eth0", "up");
            await Cli.IpAsync(sandbox.Name, "route", "add", "10.214.2.0/24", "via", "10.214.1.1");
            await Cli.IpAsync(_node.Name, "link", "add", "up0", "type", "veth", "peer", "name", "eth0", "netns", _remote.Name);
            await Cli.IpAsync(_node.Name, "addr", "add", "10.214.2.1/24", "dev", "up0");
            await Cli.IpAsync(_node.Name, "link", "set", "up0", "up");
            await Cli.IpAsync(_remote.Name, "addr", "add", "10.214.2.2/24", "dev", "eth0");
            await Cli.IpAsync(_remote.Name, "link", "set", "eth0", "up");
            _server = await EchoServer.StartAsync(sandbox, "sandbox", 80);
            _runner = new FaultingRunner(new LibNftablesRunner(_node.RunAsync), "delete element ip edge_ingress published { tcp . 1 }");
            _dnat = new NftablesPublishedPortDnat(_runner, RouteLocalnet.For([NodeVeth], _node.RunAsync));
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
        _dnat?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_scope is not null)
        {
            await _scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task ApplyAsync_RemoteClient_TcpAndUdpReachSandbox()
    {
        await _dnat.ApplyAsync(Published, Ct);

        Assert.Equal("sandbox", await EchoClient.WhoAnswersAsync(_remote, NodeFromRemote, Ct));
        Assert.Equal("sandbox", await EchoClient.WhoAnswersUdpAsync(_remote, NodeFromRemote, Ct));
    }

    [Fact]
    public async Task ApplyAsync_LoopbackClientOnNode_ReachesSandbox()
    {
        await _dnat.ApplyAsync(Published, Ct);

        Assert.Equal("sandbox", await EchoClient.WhoAnswersAsync(_node, new IPEndPoint(IPAddress.Loopback, 8080), Ct));
        Assert.Equal("1", (await Cli.RunAsync("ip", "netns", "exec", _node.Name, "cat", $"/proc/sys/net/ipv4/conf/{NodeVeth}/route_localnet")).Trim());
    }

    [Fact]
    public async Task ApplyAsync_PortUnpublished_EstablishedKeepsWorkingNewRefused()
    {
        await _dnat.ApplyAsync(Published, Ct);
        using var established = await EchoClient.ConnectAsync(_remote, NodeFromRemote, Ct);

        var ops = await _dnat.ApplyAsync([Published[1]], Ct);

        Assert.Equal(1, ops);
        Assert.Equal("sandbox:still", await established.EchoAsync("still", Ct));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => EchoClient.WhoAnswersAsync(_remote, NodeFromRemote, Ct));
    }

    [Fact]
    public async Task ApplyAsync_NewInstanceSameEntries_NothingAppliedRulesetIdentical()
    {
        await _dnat.ApplyAsync(Published, Ct);
        var before = await Cli.NftListTableAsync(_node.Name, PublishedPortTable.Name);

        using var restarted = new NftablesPublishedPortDnat(new LibNftablesRunner(_node.RunAsync), _ => Task.CompletedTask);
        var ops = await restarted.ApplyAsync(Published, Ct);

        Assert.Equal(0, ops);
        Assert.Equal(before, await Cli.NftListTableAsync(_node.Name, PublishedPortTable.Name));
    }

    [Fact]
    public async Task ApplyAsync_KernelRefusesHalfway_PreviousRulesetWhole()
    {
        await _dnat.ApplyAsync(Published, Ct);
        var before = await Cli.NftListTableAsync(_node.Name, PublishedPortTable.Name);
        _runner.FailNext = true;

        await Assert.ThrowsAsync<NftablesException>(() => _dnat.ApplyAsync([.. Published.Select(p => p with { PublishedPort = 9090 })], Ct));

        Assert.Equal(before, await Cli.NftListTableAsync(_node.Name, PublishedPortTable.Name));
        Assert.Equal("sandbox", await EchoClient.WhoAnswersAsync(_remote, NodeFromRemote, Ct));
    }

    [Fact]
    public async Task ApplyAsync_DockerForwardDrop_OneRuleInDockerUserLetsRemoteClientsThrough()
    {
        if (!Cli.Exists("iptables-nft"))
        {
            Assert.Skip("SKIPPED: iptables-nft is not installed (apt-get install iptables): it makes Docker's filter chains here");
        }

        await DockerFilterAsync();
        await _dnat.ApplyAsync(Published, Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EchoClient.WhoAnswersAsync(_remote, NodeFromRemote, Ct));

        using var onDocker = new NftablesPublishedPortDnat(new LibNftablesRunner(_node.RunAsync), _ => Task.CompletedTask, NodeVeth);
        var ops = await onDocker.ApplyAsync(Published, Ct);

        Assert.Equal(1, ops);
        Assert.Equal("sandbox", await EchoClient.WhoAnswersAsync(_remote, NodeFromRemote, Ct));
        Assert.Equal(
            [
                "-N DOCKER-USER",
                "-A DOCKER-USER -d 10.214.1.2/32 -o eg0 -m comment --comment \"edge-agent: published ports tcp/80 udp/80 to 10.214.1.2 via eg0\" -j ACCEPT",
                "-A DOCKER-USER -j RETURN",
            ],
            await DockerUserListedAsync());

        await onDocker.RemoveAllAsync(Ct);

        Assert.Equal(["-N DOCKER-USER", "-A DOCKER-USER -j RETURN"], await DockerUserListedAsync());
    }

    [Fact]
    public async Task RemoveAllAsync_AfterApply_NodeRulesetEmpty()
    {
        await _dnat.ApplyAsync(Published, Ct);

        await _dnat.RemoveAllAsync(Ct);

        Assert.Equal(string.Empty, (await Cli.NftListRulesetAsync(_node.Name)).Trim());
    }
}
