using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Load;

public sealed class LoadTargetTests
{
    [Fact]
    public void Every_TwoNodesTwoPaths_GetAndPostToEachPathOnEachNode()
    {
        var targets = LoadTarget.Every([("n1", "10.0.0.1"), ("n2", "10.0.0.2")], 8080, ["/", "/dnsrr/"]);

        Assert.Equal(8, targets.Count);
        Assert.Contains(new LoadTarget("n2", new Uri("http://10.0.0.2:8080/dnsrr/"), HttpMethod.Post), targets);
        Assert.Equal(4, targets.Count(t => t.Method == HttpMethod.Get));
        Assert.Equal(2, targets.Count(t => t.Node == "n1" && t.Url.AbsolutePath == "/"));
    }

    [Fact]
    public void For_Target_RowNamesMethodPathNodeAndConnection()
    {
        var row = LoadRow.For(new LoadTarget("n1", new Uri("http://10.0.0.1:8080/dnsrr/"), HttpMethod.Post), ConnectionMode.NewConnection);

        Assert.Equal(new LoadRow("POST", "/dnsrr/", "n1", ConnectionMode.NewConnection), row);
    }
}
