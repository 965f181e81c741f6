using Docker.DotNet.Models;
using EdgeGateway.Agent.Feed;

namespace EdgeGateway.Agent.Tests.Feed;

public class ManagerDiscoveryTests
{
    [Fact]
    public void FromInfo_WorkerInfo_GivesEachManagerAtTheAdminPortInAddressOrder()
    {
        var info = Info(("m3", "10.0.0.13:2377"), ("m1", "10.0.0.11:2377"), ("m2", "10.0.0.2:2377"));

        var managers = ManagerDiscovery.FromInfo(info, 9464);

        Assert.Equal(["http://10.0.0.2:9464/", "http://10.0.0.11:9464/", "http://10.0.0.13:9464/"], managers.Select(m => m.ToString()));
    }

    [Fact]
    public void FromInfo_Ipv6AndDuplicateAddresses_BracketsAndDeduplicates()
    {
        var info = Info(("m1", "[fd00::11]:2377"), ("m2", "10.0.0.11:2377"), ("m1", "10.0.0.11:4789"));

        var managers = ManagerDiscovery.FromInfo(info, 9464);

        Assert.Equal(["http://10.0.0.11:9464/", "http://[fd00::11]:9464/"], managers.Select(m => m.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("manager.example:2377")]
    [InlineData("not-an-address")]
    public void FromInfo_AddressThatIsNoIp_IsLeftOut(string address)
    {
        var managers = ManagerDiscovery.FromInfo(Info(("m1", address), ("m2", "10.0.0.12:2377")), 9464);

        Assert.Equal(["http://10.0.0.12:9464/"], managers.Select(m => m.ToString()));
    }

    [Fact]
    public void FromInfo_ThisNodeAManager_LeavesItselfOut()
    {
        var info = Info(("m1", "10.0.0.11:2377"), ("m2", "10.0.0.12:2377"));
        info.Swarm.NodeAddr = "10.0.0.12";

        var managers = ManagerDiscovery.FromInfo(info, 9464);

        Assert.Equal(["http://10.0.0.11:9464/"], managers.Select(m => m.ToString()));
    }

    [Fact]
    public void FromInfo_NotInASwarm_GivesNoManager()
    {
        Assert.Empty(ManagerDiscovery.FromInfo(new SystemInfoResponse(), 9464));
        Assert.Empty(ManagerDiscovery.FromInfo(new SystemInfoResponse { Swarm = new Info { LocalNodeState = "inactive" } }, 9464));
    }

    private static SystemInfoResponse Info(params (string Id, string Address)[] managers) => new()
    {
        Swarm = new Info
        {
            LocalNodeState = "active",
            ControlAvailable = false,
            RemoteManagers = [.. managers.Select(m => new Peer { NodeID = m.Id, Addr = m.Address })],
        },
    };
}
