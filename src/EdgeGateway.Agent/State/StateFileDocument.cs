namespace EdgeGateway.Agent.State;

// The JSON shape of a state file (documented in docs/agent.md); converted to the model by StateFileReader.
#pragma warning disable CA1812 // instantiated by the JSON deserializer

internal sealed class StateFileDocument
{
    public List<NodeDocument> Nodes { get; set; } = [];

    public List<NetworkDocument> Networks { get; set; } = [];

    public List<ServiceDocument> Services { get; set; } = [];

    public List<TaskDocument> Tasks { get; set; } = [];
}

internal sealed class NodeDocument
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? IngressAddress { get; set; }
}

internal sealed class NetworkDocument
{
    public string? Name { get; set; }

    public string? Subnet { get; set; }

    public int Vni { get; set; }

    public bool Ingress { get; set; }
}

internal sealed class ServiceDocument
{
    public string? Name { get; set; }

    public string EndpointMode { get; set; } = "vip";

    public Dictionary<string, string> Vips { get; set; } = [];

    public List<PortDocument> Ports { get; set; } = [];
}

internal sealed class PortDocument
{
    public string Protocol { get; set; } = "tcp";

    public int Target { get; set; }

    public int? Published { get; set; }
}

internal sealed class TaskDocument
{
    public string? Id { get; set; }

    public string? Service { get; set; }

    public string? Node { get; set; }

    public Dictionary<string, string> Addresses { get; set; } = [];

    public string State { get; set; } = "running";

    public string Health { get; set; } = "none";
}
