using System.Net;
using System.Net.Sockets;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Mesh.Planning;

/// <summary>
/// Deterministic addresses of the ingress plumbing. Every node's sandbox needs its own address on the ingress
/// subnet (tasks reply to it across the overlay). Unless a node pins one, nodes sorted by name take the subnet's
/// last usable addresses downward: the first node gets broadcast-1, the second broadcast-2, and so on. The
/// host/sandbox veth link is node-local, so every node uses the same pair from <see cref="PlannerOptions.SandboxLink"/>.
/// </summary>
public static class IngressAddressing
{
    public static IPAddress SandboxAddress(ClusterState state, OverlayNetwork ingress, ClusterNode node)
    {
        if (node.IngressAddress is not null)
        {
            return node.IngressAddress;
        }

        var derived = state.Nodes.Where(n => n.IngressAddress is null).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        return Offset(LastHost(ingress.Subnet), -derived.IndexOf(node.Name));
    }

    /// <summary>Every node's sandbox address, by node name.</summary>
    public static IReadOnlyDictionary<string, IPAddress> SandboxAddresses(ClusterState state, OverlayNetwork ingress) =>
        state.Nodes.ToDictionary(n => n.Name, n => SandboxAddress(state, ingress, n), StringComparer.Ordinal);

    public static IPAddress HostVethAddress(PlannerOptions options) => Offset(options.SandboxLink.BaseAddress, 1);

    public static IPAddress SandboxVethAddress(PlannerOptions options) => Offset(options.SandboxLink.BaseAddress, 2);

    /// <summary>The last address before the broadcast address.</summary>
    public static IPAddress LastHost(IPNetwork subnet)
    {
        var hostBits = AddressBits(subnet.BaseAddress) - subnet.PrefixLength;
        return Offset(subnet.BaseAddress, (long)((UInt128.One << hostBits) - 2));
    }

    public static IPAddress Offset(IPAddress address, long delta)
    {
        var bytes = address.GetAddressBytes();
        var value = new UInt128(0, 0);
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        value = delta >= 0 ? value + (ulong)delta : value - (ulong)(-delta);
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return new IPAddress(bytes);
    }

    private static int AddressBits(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
}
