using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class DockerUserAcceptTests
{
    // The chain as Docker leaves it (iptables-nft's `-j RETURN`), before the agent adds anything.
    private const string DockerOnly = """
        {"nftables": [{"chain": {"family": "ip", "table": "filter", "name": "DOCKER-USER", "handle": 1}},
          {"rule": {"family": "ip", "table": "filter", "chain": "DOCKER-USER", "handle": 2, "expr": [{"counter": {"packets": 0, "bytes": 0}}, {"return": null}]}}]}
        """;

    private readonly RecordingRunner _runner = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyAsync_DockerChainWithoutAgentRule_InsertsTheRuleAtTheTop()
    {
        _runner.ListJson = DockerOnly;

        var ops = await new DockerUserAccept(_runner, "docker_gwbridge").ApplyAsync(PublishedPortTableTests.Two, Ct);

        Assert.Equal(1, ops);
        Assert.Equal(
            "insert rule ip filter DOCKER-USER oifname \"docker_gwbridge\" ip daddr 172.30.0.2 meta l4proto . th dport { tcp . 80, udp . 53 } accept "
            + "comment \"edge-agent: published ports tcp/80 udp/53 to 172.30.0.2 via docker_gwbridge\"\n",
            _runner.Last);
    }

    [Fact]
    public async Task ApplyAsync_SameRuleHeld_EmitsNothing()
    {
        _runner.ListJson = Fixtures.DockerUserAgentRule;

        var ops = await new DockerUserAccept(_runner, "docker_gwbridge").ApplyAsync(PublishedPortTableTests.Two, Ct);

        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
    }

    [Fact]
    public async Task ApplyAsync_PortsChanged_ReplacesOnlyTheAgentRuleInOneBatch()
    {
        _runner.ListJson = Fixtures.DockerUserAgentRule;

        var ops = await new DockerUserAccept(_runner, "docker_gwbridge").ApplyAsync([PublishedPortTableTests.Two[0]], Ct);

        Assert.Equal(2, ops);
        Assert.Equal(
            "delete rule ip filter DOCKER-USER handle 6\n"
            + "insert rule ip filter DOCKER-USER oifname \"docker_gwbridge\" ip daddr 172.30.0.2 meta l4proto . th dport { tcp . 80 } accept "
            + "comment \"edge-agent: published ports tcp/80 to 172.30.0.2 via docker_gwbridge\"\n",
            Assert.Single(_runner.Batches));
    }

    [Fact]
    public async Task ApplyAsync_NothingPublished_DeletesTheAgentRule()
    {
        _runner.ListJson = Fixtures.DockerUserAgentRule;

        var ops = await new DockerUserAccept(_runner, "docker_gwbridge").ApplyAsync([], Ct);

        Assert.Equal(1, ops);
        Assert.Equal("delete rule ip filter DOCKER-USER handle 6\n", _runner.Last);
    }

    [Fact]
    public async Task ApplyAsync_NoDockerChain_EmitsNothing()
    {
        _runner.ListJson = null;

        var ops = await new DockerUserAccept(_runner, "docker_gwbridge").ApplyAsync(PublishedPortTableTests.Two, Ct);

        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
    }

    [Fact]
    public async Task ApplyAsync_NoInterface_KeepsNoRuleAndLeavesTheChainAlone()
    {
        _runner.ListJson = Fixtures.DockerUserAgentRule;

        var ops = await new DockerUserAccept(_runner, null).ApplyAsync(PublishedPortTableTests.Two, Ct);

        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
    }

    [Fact]
    public async Task RemoveAsync_AgentAndAdminRules_DeletesOnlyTheAgentRule()
    {
        _runner.ListJson = Fixtures.DockerUserAgentRule;

        var ops = await new DockerUserAccept(_runner, null).RemoveAsync(Ct);

        Assert.Equal(1, ops);
        Assert.Equal("delete rule ip filter DOCKER-USER handle 6\n", _runner.Last);
    }

    [Fact]
    public void ParseHeld_FixtureFromKernel_FindsOnlyTheAgentRule()
    {
        var held = DockerUserAccept.ParseHeld(Fixtures.DockerUserAgentRule);

        Assert.Equal([(6, "edge-agent: published ports tcp/80 udp/53 to 172.30.0.2 via docker_gwbridge")], held);
    }
}
