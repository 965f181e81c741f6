using EdgeGateway.Discovery;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Discovery;

public class SwarmClusterTranslatorTests
{
    private static ClusterConfig Cluster(string? mode, string address, string? host = null) => new()
    {
        ClusterId = "c",
        Metadata = mode is null ? null : new Dictionary<string, string> { [EndpointModes.MetadataKey] = mode },
        Destinations = new Dictionary<string, DestinationConfig> { ["d"] = new() { Address = address, Host = host } },
    };

    [Fact]
    public void Translate_VipCluster_AddressEncodedAndHostIsTheService()
    {
        var translated = SwarmClusterTranslator.Translate(Cluster("vip", "http://web:8080"));

        Assert.Equal("http://_vip.web:8080/", translated.Destinations!["d"].Address);
        Assert.Equal("web:8080", translated.Destinations["d"].Host);
    }

    [Fact]
    public void Translate_ExplicitHost_Kept()
    {
        var translated = SwarmClusterTranslator.Translate(Cluster("dnsrr", "http://web:80", host: "www.example.com"));

        Assert.Equal("www.example.com", translated.Destinations!["d"].Host);
    }

    [Fact]
    public void Translate_PlainCluster_Unchanged()
    {
        var cluster = Cluster(null, "http://10.0.0.1:80");

        Assert.Same(cluster, SwarmClusterTranslator.Translate(cluster));
        Assert.Empty(SwarmClusterTranslator.Queries(cluster));
    }

    [Fact]
    public void Queries_DnsrrCluster_ServiceModeAndPort()
    {
        Assert.Equal([new SwarmServiceQuery("web", EndpointMode.Dnsrr, 81)], SwarmClusterTranslator.Queries(Cluster("DNSRR", "http://web:81")));
    }
}
