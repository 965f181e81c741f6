using System.Net;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Tests.TestStates;

namespace EdgeGateway.Mesh.Tests.Model;

public class ClusterStateValidatorTests
{
    [Fact]
    public void Validate_GoodState_HasNoErrors() => Assert.Empty(ClusterStateValidator.Validate(ThreeNodes()));

    [Fact]
    public void Validate_TaskOnUnknownServiceAndNode_NamesBoth()
    {
        var state = ThreeNodes().WithTask("web.1", t => t with { Service = "nope", Node = "n9" });

        Assert.Equal(["task 'web.1': service 'nope' is not defined", "task 'web.1': node 'n9' is not defined"], ClusterStateValidator.Validate(state));
    }

    [Fact]
    public void Validate_AddressOutsideSubnet_NamesFieldAndSubnet()
    {
        var state = ThreeNodes().WithTask("web.1", t => t with { Addresses = Vips(("ingress", "10.9.0.1")) });

        Assert.Equal(["task 'web.1': addresses.ingress: 10.9.0.1 is outside network 'ingress' subnet 10.255.0.0/24"], ClusterStateValidator.Validate(state));
    }

    [Fact]
    public void Validate_TaskOnSandboxAddress_ReportsClash()
    {
        var state = ThreeNodes().WithTask("web.1", t => t with { Addresses = Vips(("ingress", "10.255.0.254")) });

        Assert.Equal(["task 'web.1': address 10.255.0.254 on network 'ingress' is also held by node 'n1' ingress sandbox"], ClusterStateValidator.Validate(state));
    }

    [Fact]
    public void Validate_SamePublishedPortTwice_NamesOwner()
    {
        var state = ThreeNodes();
        state = state with { Services = [.. state.Services, new ClusterService("other", EndpointMode.DnsRoundRobin, Vips(), [new ServicePort(L4Protocol.Tcp, 81, 8080)])] };

        Assert.Equal(["service 'other': published port tcp/8080 is already published by service 'web'"], ClusterStateValidator.Validate(state));
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var state = ThreeNodes();
        state = state with
        {
            Nodes = [.. state.Nodes, Node("n1", "192.168.77.99")],
            Networks = [.. state.Networks, new OverlayNetwork("ingress2", IPNetwork.Parse("10.254.0.0/24"), 0, Ingress: true)],
            Services = [state.Services[0] with { Ports = [new ServicePort(L4Protocol.Tcp, 0, 70000)] }, state.Services[1] with { Vips = Vips(("app", "10.0.1.50")) }],
        };

        Assert.Equal(
            [
                "node 'n1': name is used twice",
                "network 'ingress2': vni 0 is outside 1..16777215",
                "networks: more than one is marked ingress (ingress, ingress2)",
                "service 'web': target port 0 is outside 1..65535",
                "service 'web': published port 70000 is outside 1..65535",
                "service 'dns': vips are set but endpoint mode is dnsrr",
            ],
            ClusterStateValidator.Validate(state));
    }
}
