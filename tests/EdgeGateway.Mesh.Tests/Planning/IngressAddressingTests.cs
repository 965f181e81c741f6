using System.Net;
using EdgeGateway.Mesh.Planning;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Planning;

public class IngressAddressingTests
{
    [Fact]
    public void SandboxAddresses_DerivedFromTopOfSubnetByNodeName()
    {
        var state = ThreeNodes();

        var addresses = IngressAddressing.SandboxAddresses(state, state.IngressNetwork!);

        Assert.Equal(Ip("10.255.0.254"), addresses["n1"]);
        Assert.Equal(Ip("10.255.0.253"), addresses["n2"]);
        Assert.Equal(Ip("10.255.0.252"), addresses["n3"]);
    }

    [Fact]
    public void SandboxAddress_PinnedNode_KeepsItsAddressAndOthersDoNotCountIt()
    {
        var state = ThreeNodes();
        state = state with { Nodes = [state.Nodes[0] with { IngressAddress = Ip("10.255.0.100") }, state.Nodes[1], state.Nodes[2]] };

        var addresses = IngressAddressing.SandboxAddresses(state, state.IngressNetwork!);

        Assert.Equal(Ip("10.255.0.100"), addresses["n1"]);
        Assert.Equal(Ip("10.255.0.254"), addresses["n2"]);
        Assert.Equal(Ip("10.255.0.253"), addresses["n3"]);
    }

    [Theory]
    [InlineData("10.255.0.0/16", "10.255.255.254")]
    [InlineData("10.0.0.0/30", "10.0.0.2")]
    [InlineData("fd00::/120", "fd00::fe")]
    public void LastHost_IsTheAddressBeforeBroadcast(string subnet, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), IngressAddressing.LastHost(IPNetwork.Parse(subnet)));

    [Fact]
    public void VethAddresses_AreFirstAndSecondOfTheLink()
    {
        var options = new PlannerOptions { SandboxLink = IPNetwork.Parse("172.31.0.8/30") };

        Assert.Equal(Ip("172.31.0.9"), IngressAddressing.HostVethAddress(options));
        Assert.Equal(Ip("172.31.0.10"), IngressAddressing.SandboxVethAddress(options));
    }
}
