using System.CommandLine;
using System.Net;
using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Configuration;

namespace EdgeGateway.Agent.Tests.Cli;

public sealed class CommonOptionsTests
{
    [Fact]
    public void Load_FeedAllowInTheEnvironment_UsedWhenNotOnTheCommandLine()
    {
        var options = Load(" 10.0.0.0/24, 192.168.1.5 ", "--node", "n1");

        Assert.Equal([IPNetwork.Parse("10.0.0.0/24"), IPNetwork.Parse("192.168.1.5/32")], options.FeedAllow);
    }

    [Fact]
    public void Load_FeedAllowOnTheCommandLine_WinsOverTheEnvironment()
    {
        var options = Load("10.0.0.0/24", "--node", "n1", "--feed-allow", "fd00::/64,10.1.0.0/16");

        Assert.Equal([IPNetwork.Parse("fd00::/64"), IPNetwork.Parse("10.1.0.0/16")], options.FeedAllow);
    }

    [Fact]
    public void Load_FeedAllowNowhereOrBlank_AllowsNoneBeyondLoopbackAndNodes()
    {
        Assert.Empty(Load(null, "--node", "n1").FeedAllow);
        Assert.Empty(Load(" ", "--node", "n1").FeedAllow);
    }

    [Fact]
    public void Load_BadFeedAllowInTheEnvironment_NamesTheValueTheOptionAndTheVariable()
    {
        var error = Assert.Throws<AgentConfigException>(() => Load("10.0.0.0/24,10.0.0.300", "--node", "n1"));

        Assert.Equal("--feed-allow (EDGE_FEED_ALLOW): '10.0.0.300' is not a CIDR or an IP address like 10.0.0.0/24 or 10.0.0.5", error.Message);
    }

    private static AgentOptions Load(string? environmentValue, params string[] args)
    {
        var common = new CommonOptions(name => name == CommonOptions.FeedAllowVariable ? environmentValue : null);
        var root = new RootCommand();
        foreach (var option in common.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        return common.Load(parse);
    }
}
