using System.Net;
using Microsoft.Extensions.Configuration;

namespace EdgeGateway.Tests;

public class GatewayOptionsReaderTests
{
    private static (GatewayOptions Options, IReadOnlyList<string> Errors) Read(params string[] args) =>
        GatewayOptionsReader.Read(new ConfigurationBuilder().AddCommandLine(args).Build(), args);

    [Fact]
    public void Read_NoArguments_Defaults()
    {
        var (options, errors) = Read();

        Assert.Empty(errors);
        Assert.Equal("config/routes.json", options.RoutesFile);
        Assert.Equal(["http://0.0.0.0:8080"], options.PublicUrls);
        Assert.Equal(["http://0.0.0.0:8081"], options.AdminUrls);
        Assert.Null(options.DnsServer);
        Assert.Equal(TimeSpan.FromSeconds(1), options.DnsRefresh);
        Assert.Empty(options.TrustedNetworks);
    }

    [Fact]
    public void Read_EveryOption_Parsed()
    {
        var (options, errors) = Read(
            "--routes", "/etc/edge/routes.json", "--urls", "http://127.0.0.1:9000;http://[::1]:9000", "--admin-urls", "http://127.0.0.1:9001",
            "--dns", "127.0.0.1:5353", "--dns-refresh", "250ms", "--trusted-networks", "10.0.0.0/8, 192.168.1.5");

        Assert.Empty(errors);
        Assert.Equal("/etc/edge/routes.json", options.RoutesFile);
        Assert.Equal(["http://127.0.0.1:9000", "http://[::1]:9000"], options.PublicUrls);
        Assert.Equal(["http://127.0.0.1:9001"], options.AdminUrls);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:5353"), options.DnsServer);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.DnsRefresh);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("192.168.1.5/32")], options.TrustedNetworks);
    }

    [Theory]
    [InlineData("2s", 2000)]
    [InlineData("1.5", 1500)]
    [InlineData("00:00:03", 3000)]
    public void Read_DnsRefreshForms_Parsed(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read("--dns-refresh", text).Options.DnsRefresh);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    public void Read_ConnectTimeoutForms_Parsed(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read("--connect-timeout", text).Options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), new GatewayOptions().ConnectTimeout);
    }

    [Fact]
    public void Read_ZeroConnectTimeout_ErrorNamesTheOption()
    {
        Assert.Contains(Read("--connect-timeout", "0").Errors, e => e.StartsWith("--connect-timeout (EDGE_CONNECT_TIMEOUT): bad value '0'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoDrainDelayOption_EnvironmentVariableElseFiveSeconds()
    {
        Assert.Equal(TestEnvironment.DrainDelay, Read().Options.DrainDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), new GatewayOptions().DrainDelay);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2s", 2000)]
    [InlineData("750ms", 750)]
    [InlineData("00:00:10", 10000)]
    public void Read_DrainDelayForms_ParsedZeroIncluded(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read("--drain-delay", text).Options.DrainDelay);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2s", 2000)]
    [InlineData("1500ms", 1500)]
    public void Read_UpstreamAckTimeoutForms_ParsedZeroIncluded(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Read("--upstream-ack-timeout", text).Options.UnacknowledgedTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), new GatewayOptions().UnacknowledgedTimeout);
    }

    [Theory]
    [InlineData("-1s")]
    [InlineData("02:00:00")]
    public void Read_UpstreamAckTimeoutNegativeOrOverAnHour_ErrorNamesTheOption(string text)
    {
        Assert.Contains(Read("--upstream-ack-timeout", text).Errors, e => e == $"--upstream-ack-timeout (EDGE_UPSTREAM_ACK_TIMEOUT): bad value '{text}': expected a duration up to 1h such as 2s, 1500ms or 0 (off)");
    }

    [Theory]
    [InlineData("/run/edge-agent/feed.sock", "http://localhost/", "/run/edge-agent/feed.sock")]
    [InlineData("http://10.0.0.2:9464", "http://10.0.0.2:9464/", null)]
    public void Read_AgentFeed_SocketPathOrAdminUrl(string text, string url, string? socket)
    {
        var feed = Read("--agent-feed", text).Options.AgentFeed;

        Assert.Equal(new Uri(url), feed!.BaseUrl);
        Assert.Equal(socket, feed.UnixSocket);
        Assert.Null(new GatewayOptions().AgentFeed);
    }

    [Theory]
    [InlineData("feed.sock")]
    [InlineData("ftp://10.0.0.2")]
    public void Read_AgentFeedNeitherAbsolutePathNorHttpUrl_ErrorNamesTheOption(string text)
    {
        Assert.Contains(Read("--agent-feed", text).Errors, e => e == $"--agent-feed (EDGE_AGENT_FEED): bad value '{text}': expected the agent's socket file (an absolute path such as /run/edge-agent/feed.sock) or its admin URL such as http://10.0.0.2:9464");
    }

    [Fact]
    public void Read_ConfigurationKeyOption_Accepted()
    {
        Assert.Empty(Read("--Resilience:MaxRetries", "3", "--environment", "Production").Errors);
    }

    [Fact]
    public void Read_DnsWithoutPort_Port53()
    {
        Assert.Equal(IPEndPoint.Parse("10.0.0.2:53"), Read("--dns", "10.0.0.2").Options.DnsServer);
    }

    [Fact]
    public void Read_BadValues_EveryOneReported()
    {
        var (_, errors) = Read("--dns", "resolver.local", "--dns-refresh", "-1s", "--drain-delay", "-2s", "--trusted-networks", "10.0.0.0/33", "--rotues", "x");

        Assert.Equal(
            [
                "unknown option '--rotues' (known: --routes, --urls, --admin-urls, --dns, --dns-refresh, --agent-feed, --connect-timeout, --upstream-ack-timeout, --drain-delay, --trusted-networks)",
                "--dns (EDGE_DNS): bad value 'resolver.local': expected an IP address with an optional port, e.g. 127.0.0.11 or 10.0.0.2:5353",
                "--dns-refresh (EDGE_DNS_REFRESH): bad value '-1s': expected a positive interval such as 1s, 500ms or 00:00:02",
                "--drain-delay (EDGE_DRAIN_DELAY): bad value '-2s': expected a duration such as 5s, 500ms, 0 or 00:00:05",
                "--trusted-networks (EDGE_TRUSTED_NETWORKS): bad value '10.0.0.0/33': expected comma-separated CIDRs such as 10.0.0.0/8,192.168.1.5",
            ],
            errors);
    }
}
