using System.Net;

namespace EdgeGateway.Agent.Configuration;

/// <summary>The agent's settings, from config/agent.json and the command line (which wins).</summary>
public sealed record AgentOptions
{
    public const string DefaultConfigPath = "config/agent.json";

    /// <summary>This node's name in the cluster state.</summary>
    public string? Node { get; init; }

    /// <summary>When set, the node's address in the cluster state must be this one (guards against a wrong node name).</summary>
    public IPAddress? UnderlayAddress { get; init; }

    public string StateFile { get; init; } = "config/mesh-state.json";

    public DataplaneKind Dataplane { get; init; } = DataplaneKind.Auto;

    /// <summary>Where /metrics and /healthz listen; keep it off the public interface.</summary>
    public Uri AdminUrl { get; init; } = new("http://127.0.0.1:9464");

    /// <summary>Fallback poll of the state file, for file systems that do not report changes.</summary>
    public TimeSpan StatePollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The node-local host/sandbox link (see docs/agent.md, addressing).</summary>
    public IPNetwork SandboxLink { get; init; } = IPNetwork.Parse("169.254.127.0/30");

    public int VxlanPort { get; init; } = 4789;

    /// <summary>
    /// On a swarm worker: the admin URL of the manager's agent to read the cluster state from. When null, the managers
    /// come from the local `docker info`, each at this agent's own admin port.
    /// </summary>
    public Uri? ManagerUrl { get; init; }

    /// <summary>
    /// Set when Docker owns the ingress network (state from Docker): published ports go to Docker's ingress sandbox
    /// at this address, and the agent builds no ingress network of its own.
    /// </summary>
    public IPAddress? DockerIngressAddress { get; init; }

    /// <summary>
    /// Clients besides loopback and the swarm's nodes that may read /v1/cluster-state (the cluster's topology), e.g. a
    /// monitoring host. Single addresses are /32 (/128) networks; IPv4 ones are matched in IPv4 form.
    /// </summary>
    public IReadOnlyList<IPNetwork> FeedAllow { get; init; } = [];

    /// <summary>
    /// A Unix socket on which the admin endpoints also listen, /v1/cluster-state included, for readers on this node such
    /// as the gateway (through a volume both mount); its file permissions guard it, not the address rules.
    /// </summary>
    public string? FeedSocket { get; init; }
}
