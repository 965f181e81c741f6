using System.Net;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Tests.State;

public class StateFileReaderTests
{
    private const string Good = """
        {
          // comments are allowed
          "nodes": [ { "name": "n1", "address": "192.168.77.11" }, { "name": "n2", "address": "192.168.77.12", "ingressAddress": "10.255.0.200" } ],
          "networks": [ { "name": "ingress", "subnet": "10.255.0.0/24", "vni": 4096, "ingress": true } ],
          "services": [ { "name": "web", "vips": { "ingress": "10.255.0.10" }, "ports": [ { "target": 80, "published": 8080 }, { "protocol": "udp", "target": 53 } ] } ],
          "tasks": [ { "id": "web.1", "service": "web", "node": "n2", "addresses": { "ingress": "10.255.0.21" }, "state": "stopping", "health": "healthy" } ],
        }
        """;

    [Fact]
    public void Parse_GoodFile_GivesModelWithDefaults()
    {
        var state = StateFileReader.Parse(Good, "s.json");

        Assert.Equal(IPAddress.Parse("10.255.0.200"), state.Nodes[1].IngressAddress);
        Assert.Null(state.Nodes[0].IngressAddress);
        Assert.Equal(new OverlayNetwork("ingress", IPNetwork.Parse("10.255.0.0/24"), 4096, true), state.Networks[0]);
        var web = state.Services[0];
        Assert.Equal(EndpointMode.Vip, web.EndpointMode);
        Assert.Equal([new ServicePort(L4Protocol.Tcp, 80, 8080), new ServicePort(L4Protocol.Udp, 53, null)], web.Ports);
        var task = state.Tasks[0];
        Assert.Equal((TaskState.Stopping, TaskHealth.Healthy, IPAddress.Parse("10.255.0.21")), (task.State, task.Health, task.Addresses["ingress"]));
    }

    [Fact]
    public void Parse_ExampleStateFile_IsValid()
    {
        var path = Path.Combine(Repository.Root, "config", "mesh-state.example.json");

        var state = StateFileReader.Parse(File.ReadAllText(path), path);

        Assert.Equal(3, state.Nodes.Length);
    }

    [Fact]
    public void Parse_BadValues_ListsEveryOneWithItsPlace()
    {
        const string json = """
            {
              "nodes": [ { "name": "n1", "address": "192.168.77" } ],
              "networks": [ { "name": "ingress", "subnet": "10.255.0.1/24", "vni": 1, "ingress": true } ],
              "services": [ { "name": "web", "endpointMode": "round", "ports": [ { "protocol": "sctp", "target": 80 } ] } ],
              "tasks": [ { "id": "web.1", "service": "web", "node": "n1", "addresses": { "ingress": "x" }, "state": "Running", "health": "ok" } ]
            }
            """;

        var error = Assert.Throws<StateFileException>(() => StateFileReader.Parse(json, "/etc/s.json"));

        Assert.Equal(
            string.Join(Environment.NewLine,
                "state file '/etc/s.json' is invalid:",
                "  - nodes[0].address: '192.168.77' is not an IP address",
                "  - networks[0].subnet: '10.255.0.1/24' is not a subnet in CIDR form (like 10.255.0.0/24) with no host bits set",
                "  - services[0].endpointMode: 'round' is not one of vip, dnsrr",
                "  - services[0].ports[0].protocol: 'sctp' is not one of tcp, udp",
                "  - tasks[0].addresses.ingress: 'x' is not an IP address",
                "  - tasks[0].state: 'Running' is not one of pending, starting, running, stopping, shutdown, complete, failed",
                "  - tasks[0].health: 'ok' is not one of none, starting, healthy, unhealthy"),
            error.Message);
    }

    [Fact]
    public void Parse_ModelErrors_AreReportedAfterShapeIsRight()
    {
        const string json = """{ "nodes": [ { "name": "n1", "address": "192.168.77.11" } ], "tasks": [ { "id": "t", "service": "nope", "node": "n1" } ] }""";

        var error = Assert.Throws<StateFileException>(() => StateFileReader.Parse(json, "s.json"));

        Assert.Equal($"state file 's.json' is invalid:{Environment.NewLine}  - task 't': service 'nope' is not defined", error.Message);
    }

    [Fact]
    public void Parse_BrokenJson_NamesPlaceAndLine()
    {
        const string json = "{\n  \"nodes\": [ { \"name\": \"n1\", \"address\": 7 } ]\n}";

        var error = Assert.Throws<StateFileException>(() => StateFileReader.Parse(json, "s.json"));

        Assert.StartsWith("state file 's.json': nodes[0].address (line 2): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownField_IsRejected()
    {
        var error = Assert.Throws<StateFileException>(() => StateFileReader.Parse("""{ "nodez": [] }""", "s.json"));

        Assert.Contains("nodez", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRequiredFields_NamesThem()
    {
        var error = Assert.Throws<StateFileException>(() => StateFileReader.Parse("""{ "nodes": [ { } ] }""", "s.json"));

        Assert.Equal(
            string.Join(Environment.NewLine, "state file 's.json' is invalid:", "  - nodes[0].name: is missing", "  - nodes[0].address: is missing"),
            error.Message);
    }
}
