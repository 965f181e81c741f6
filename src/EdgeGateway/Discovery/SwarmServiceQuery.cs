namespace EdgeGateway.Discovery;

/// <summary>A swarm service to resolve: its name, how to reach it, and the port its tasks listen on.</summary>
internal sealed record SwarmServiceQuery(string Service, EndpointMode Mode, int Port)
{
    /// <summary>The DNS name Docker's embedded DNS answers for this mode.</summary>
    public string DnsName => Mode == EndpointMode.Dnsrr ? $"tasks.{Service}" : Service;

    public override string ToString() => $"{EndpointModes.Name(Mode)}:{Service}:{Port}";
}
