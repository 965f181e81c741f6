using System.Net;
using EdgeGateway.Agent.Configuration;

namespace EdgeGateway.Agent.Tests.Configuration;

public sealed class AgentOptionsLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edge-agent-config-").FullName;

    private string ConfigPath => Path.Combine(_folder, "agent.json");

    [Fact]
    public void Load_FileAndOverrides_CommandLineWinsAndStateFileIsRelativeToConfig()
    {
        File.WriteAllText(ConfigPath, """{ "node": "n1", "stateFile": "state.json", "dataplane": "ipvs", "adminUrl": "http://127.0.0.1:9000", "statePollSeconds": 5 }""");

        var options = AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { Node = "n2", Dataplane = "nftables", UnderlayAddress = "192.168.77.12" });

        Assert.Equal("n2", options.Node);
        Assert.Equal(DataplaneKind.Nftables, options.Dataplane);
        Assert.Equal(Path.Combine(_folder, "state.json"), options.StateFile);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.AdminUrl);
        Assert.Equal(IPAddress.Parse("192.168.77.12"), options.UnderlayAddress);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StatePollInterval);
    }

    [Fact]
    public void Load_NoConfigFileAndNotRequired_UsesDefaultsAndCommandLine()
    {
        var options = AgentOptionsLoader.Load(ConfigPath, configRequired: false, new AgentSettings { Node = "n1" });

        Assert.Equal(new AgentOptions { Node = "n1" }, options);
    }

    [Fact]
    public void Load_RequiredConfigMissing_NamesTheFile()
    {
        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings()));

        Assert.Equal($"config '{ConfigPath}': file not found", error.Message);
    }

    [Fact]
    public void Load_BadValues_NamesEachWithItsSource()
    {
        File.WriteAllText(ConfigPath, """{ "dataplane": "ebpf", "sandboxLink": "169.254.0.0/31", "vxlanPort": 0 }""");

        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { AdminUrl = "localhost:9464", UnderlayAddress = "node1" }));

        Assert.Equal(
            string.Join(Environment.NewLine,
                $"config '{ConfigPath}': dataplane: 'ebpf' is not one of auto, nftables, ipvs, none",
                $"config '{ConfigPath}': sandboxLink: '169.254.0.0/31' is not an IPv4 subnet of /30 or larger",
                $"config '{ConfigPath}': vxlanPort: 0 is outside 1..65535",
                "--underlay: 'node1' is not an IP address",
                "--admin-url: 'localhost:9464' is not an http(s) URL like http://127.0.0.1:9464",
                $"node: not set (in config '{ConfigPath}' or with --node)"),
            error.Message);
    }

    [Fact]
    public void Load_ManagerUrl_FromFileOrCommandLine()
    {
        File.WriteAllText(ConfigPath, """{ "node": "n1", "managerUrl": "http://10.0.0.11:9464" }""");

        Assert.Equal(new Uri("http://10.0.0.11:9464"), AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings()).ManagerUrl);
        Assert.Equal(new Uri("http://10.0.0.12:9464"), AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { ManagerUrl = "http://10.0.0.12:9464" }).ManagerUrl);
    }

    [Fact]
    public void Load_BadManagerUrl_NamesTheOption()
    {
        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: false, new AgentSettings { Node = "n1", ManagerUrl = "10.0.0.11:9464" }));

        Assert.Equal("--manager-url: '10.0.0.11:9464' is not an http(s) URL like http://10.0.0.11:9464", error.Message);
    }

    [Fact]
    public void Load_FeedAllow_FromFileOrCommandLineWhichReplacesIt()
    {
        File.WriteAllText(ConfigPath, """{ "node": "n1", "feedAllow": ["10.0.0.5/24", "192.168.1.5", "fd00::/64", "::ffff:172.16.0.0/108"] }""");

        Assert.Equal(
            [IPNetwork.Parse("10.0.0.0/24"), IPNetwork.Parse("192.168.1.5/32"), IPNetwork.Parse("fd00::/64"), IPNetwork.Parse("172.16.0.0/12")],
            AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings()).FeedAllow);
        Assert.Equal(
            [IPNetwork.Parse("10.9.0.0/16")],
            AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { FeedAllow = ["10.9.0.0/16"] }).FeedAllow);
    }

    [Fact]
    public void Load_BadFeedAllow_NamesEachBadValueWithItsSource()
    {
        File.WriteAllText(ConfigPath, """{ "node": "n1", "feedAllow": ["10.0.0.0/24", "10.0.0.0-10.0.0.255"] }""");

        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { FeedAllow = ["10", "gateway.example", "10.0.0.0/33", "::ffff:10.0.0.0/8"] }));

        const string Like = "is not a CIDR or an IP address like 10.0.0.0/24 or 10.0.0.5";
        Assert.Equal(
            string.Join(Environment.NewLine,
                $"config '{ConfigPath}': feedAllow: '10.0.0.0-10.0.0.255' {Like}",
                $"--feed-allow (EDGE_FEED_ALLOW): '10' {Like}",
                $"--feed-allow (EDGE_FEED_ALLOW): 'gateway.example' {Like}",
                $"--feed-allow (EDGE_FEED_ALLOW): '10.0.0.0/33' {Like}",
                $"--feed-allow (EDGE_FEED_ALLOW): '::ffff:10.0.0.0/8' {Like}"),
            error.Message);
    }

    [Fact]
    public void Load_FeedSocket_FromFileOrCommandLine()
    {
        File.WriteAllText(ConfigPath, """{ "node": "n1", "feedSocket": "/run/edge-agent/feed.sock" }""");

        Assert.Equal("/run/edge-agent/feed.sock", AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings()).FeedSocket);
        Assert.Equal("/tmp/feed.sock", AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings { FeedSocket = "/tmp/feed.sock" }).FeedSocket);
    }

    [Theory]
    [InlineData("feed.sock")]
    [InlineData("/run/edge-agent/")]
    public void Load_FeedSocketNotAnAbsoluteFilePath_NamesTheOption(string path)
    {
        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: false, new AgentSettings { Node = "n1", FeedSocket = path }));

        Assert.Equal($"--feed-socket: '{path}' is not an absolute file path like /run/edge-agent/feed.sock", error.Message);
    }

    [Fact]
    public void Load_BrokenJson_NamesFileAndLine()
    {
        File.WriteAllText(ConfigPath, "{\n  \"node\": 3\n}");

        var error = Assert.Throws<AgentConfigException>(() => AgentOptionsLoader.Load(ConfigPath, configRequired: true, new AgentSettings()));

        Assert.StartsWith($"config '{ConfigPath}': node (line 2): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryConfig_IsValid()
    {
        var path = Path.Combine(Repository.Root, "config", "agent.json");

        var options = AgentOptionsLoader.Load(path, configRequired: true, new AgentSettings());

        Assert.True(File.Exists(options.StateFile), options.StateFile);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
