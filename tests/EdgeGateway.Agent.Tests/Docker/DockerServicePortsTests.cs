using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerServicePortsTests
{
    [Theory]
    [InlineData("8080/tcp", L4Protocol.Tcp, 8080)]
    [InlineData("53/udp", L4Protocol.Udp, 53)]
    [InlineData(" 80 ", L4Protocol.Tcp, 80)]
    [InlineData("443/TCP", L4Protocol.Tcp, 443)]
    public void Parse_PortText_ProtocolAndPort(string text, L4Protocol protocol, int port) =>
        Assert.Equal((protocol, port), DockerServicePorts.Parse(text));

    [Theory]
    [InlineData("http")]
    [InlineData("0/tcp")]
    [InlineData("70000")]
    [InlineData("80/sctp")]
    [InlineData("80/tcp/x")]
    public void Parse_NotAPort_Null(string text) => Assert.Null(DockerServicePorts.Parse(text));

    [Fact]
    public void Merge_PublishedAndListening_PublishedKeptListeningAddedOnceInOrder()
    {
        var merged = DockerServicePorts.Merge(
            [new ServicePort(L4Protocol.Tcp, 8080, 80)],
            [(L4Protocol.Tcp, 8081), (L4Protocol.Tcp, 8080), (L4Protocol.Udp, 53), (L4Protocol.Tcp, 8081)]);

        Assert.Equal(
            [new ServicePort(L4Protocol.Tcp, 8080, 80), new ServicePort(L4Protocol.Tcp, 8081, null), new ServicePort(L4Protocol.Udp, 53, null)],
            merged);
    }
}
