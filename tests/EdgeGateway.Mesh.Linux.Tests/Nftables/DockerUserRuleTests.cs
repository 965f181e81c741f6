using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class DockerUserRuleTests
{
    [Fact]
    public void Rules_TwoPortsOneTarget_OneRuleOnTargetPortsNamedInComment()
    {
        var rules = DockerUserRule.Rules("docker_gwbridge", PublishedPortTableTests.Two);

        var rule = Assert.Single(rules);
        Assert.Equal(
            "oifname \"docker_gwbridge\" ip daddr 172.30.0.2 meta l4proto . th dport { tcp . 80, udp . 53 } accept "
            + "comment \"edge-agent: published ports tcp/80 udp/53 to 172.30.0.2 via docker_gwbridge\"",
            rule.Rule);
        Assert.Equal("edge-agent: published ports tcp/80 udp/53 to 172.30.0.2 via docker_gwbridge", rule.Comment);
    }

    [Fact]
    public void Rules_TwoTargets_OneRuleEachInAddressOrder()
    {
        ImmutableArray<PublishedPortDnat> published =
        [
            new(L4Protocol.Tcp, 80, IPAddress.Parse("172.30.0.3"), 80),
            new(L4Protocol.Tcp, 8080, IPAddress.Parse("172.30.0.2"), 8080),
            new(L4Protocol.Tcp, 81, IPAddress.Parse("172.30.0.3"), 80),
        ];

        var rules = DockerUserRule.Rules("br0", published);

        Assert.Equal(
            [
                "edge-agent: published ports tcp/8080 to 172.30.0.2 via br0",
                "edge-agent: published ports tcp/80 to 172.30.0.3 via br0",
            ],
            rules.Select(r => r.Comment));
    }

    [Fact]
    public void Rules_ManyPorts_CommentCountsAndHashesWithinNftLimit()
    {
        var published = Enumerable.Range(10000, 40).Select(p => new PublishedPortDnat(L4Protocol.Tcp, p, IPAddress.Parse("172.30.0.2"), p));

        var rule = Assert.Single(DockerUserRule.Rules("docker_gwbridge", published));

        Assert.Matches("^edge-agent: 40 published ports to 172\\.30\\.0\\.2 via docker_gwbridge #[0-9a-f]{12}$", rule.Comment);
        Assert.True(rule.Comment.Length <= 128, rule.Comment);
        Assert.Contains("tcp . 10039 }", rule.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_ManyPortsOneChanged_HashChanges()
    {
        var ports = Enumerable.Range(10000, 40).ToList();
        PublishedPortDnat At(int p) => new(L4Protocol.Tcp, p, IPAddress.Parse("172.30.0.2"), p);

        var before = DockerUserRule.Rules("docker_gwbridge", ports.Select(At)).Single().Comment;
        var after = DockerUserRule.Rules("docker_gwbridge", ports.Select(p => At(p == 10020 ? 20020 : p))).Single().Comment;

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Rules_NoPorts_NoRule()
    {
        Assert.Empty(DockerUserRule.Rules("docker_gwbridge", []));
    }

    [Fact]
    public void Rules_InterfaceWithQuote_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => DockerUserRule.Rules("gw\" accept", PublishedPortTableTests.Two));

        Assert.Equal("DOCKER-USER rule: interface name 'gw\" accept' is not a valid interface name", e.Message);
    }
}
