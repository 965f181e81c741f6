using EdgeGateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace EdgeGateway.Tests.Configuration;

public class FileProxyConfigProviderTests
{
    [Fact]
    public void Update_NewRoutes_SwappedAndOldTokenFired()
    {
        var provider = new FileProxyConfigProvider();
        var before = provider.GetConfig();
        var route = new RouteConfig { RouteId = "r", ClusterId = "c", Match = new RouteMatch { Path = "/" } };

        provider.Update(new LoadedRoutes([route], [new ClusterConfig { ClusterId = "c" }], []));

        Assert.True(before.ChangeToken.HasChanged);
        var after = provider.GetConfig();
        Assert.False(after.ChangeToken.HasChanged);
        Assert.Equal([route], after.Routes);
        Assert.Equal("c", Assert.Single(after.Clusters).ClusterId);
    }
}
