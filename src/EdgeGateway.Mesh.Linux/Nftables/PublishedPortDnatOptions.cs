namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Options of the host-side published-port DNAT. <paramref name="LoopbackInterfaces"/> are the interfaces toward the
/// DNAT targets (the host side of the ingress veth) that get route_localnet, so that 127.0.0.1:PORT works on the
/// node; empty means loopback clients are not served.
/// </summary>
public sealed record PublishedPortDnatOptions(IReadOnlyList<string> LoopbackInterfaces)
{
    public static PublishedPortDnatOptions Default { get; } = new(Array.Empty<string>());
}
