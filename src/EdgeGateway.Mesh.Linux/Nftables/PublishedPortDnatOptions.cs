namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Options of the host-side published-port DNAT. <paramref name="LoopbackInterfaces"/> are the interfaces toward the
/// DNAT targets (the host side of the ingress veth) that get route_localnet, so that 127.0.0.1:PORT works on the
/// node; empty means loopback clients are not served. <paramref name="DockerUserInterface"/>, on a Docker node, is
/// the bridge toward the DNAT targets (docker_gwbridge): packets forwarded through it to a target on a published port
/// are accepted in Docker's DOCKER-USER chain, past Docker's FORWARD DROP; null keeps no rule there.
/// </summary>
public sealed record PublishedPortDnatOptions(IReadOnlyList<string> LoopbackInterfaces, string? DockerUserInterface = null)
{
    public static PublishedPortDnatOptions Default { get; } = new(Array.Empty<string>());
}
