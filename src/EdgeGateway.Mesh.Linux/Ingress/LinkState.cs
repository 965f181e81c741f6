using System.Net;
using System.Net.Sockets;
using EdgeGateway.Mesh.Linux.Rtnetlink;

namespace EdgeGateway.Mesh.Linux.Ingress;

/// <summary>Idempotent link steps: make a link hold exactly one IPv4 address, and its overlay flood entries.</summary>
internal static class LinkState
{
    /// <summary>Adds the address and removes any other IPv4 address the link holds (left by an older plan).</summary>
    public static void EnsureOnlyAddress(RtnetlinkClient client, int index, IPAddress address, int prefixLength)
    {
        foreach (var stale in client.DumpAddresses().Where(a => a.Index == index
                     && a.Address.AddressFamily == AddressFamily.InterNetwork
                     && (!a.Address.Equals(address) || a.PrefixLength != prefixLength)))
        {
            client.DeleteAddress(index, stale.Address, stale.PrefixLength);
        }

        client.ReplaceAddress(index, address, prefixLength);
    }

    /// <summary>One all-zeros flood entry per peer: appends the missing ones, deletes the ones of departed peers.</summary>
    public static void EnsureFloodEntries(RtnetlinkClient client, int vxlanIndex, IReadOnlyCollection<IPAddress> peers)
    {
        var current = client.DumpFdb(vxlanIndex)
            .Where(e => e.Destination is not null && e.Mac.Length == 6 && e.Mac.All(b => b == 0))
            .Select(e => e.Destination!)
            .ToHashSet();
        foreach (var gone in current.Where(p => !peers.Contains(p)))
        {
            client.DeleteFloodEntry(vxlanIndex, gone);
        }

        foreach (var peer in peers.Where(p => !current.Contains(p)))
        {
            client.AppendFloodEntry(vxlanIndex, peer);
        }
    }

    public static int EnsureBridge(RtnetlinkClient client, string name)
    {
        if (client.FindLink(name) is not { } bridge)
        {
            client.CreateBridge(name);
            return client.GetLink(name).Index;
        }

        return bridge.Kind == "bridge"
            ? bridge.Index
            : throw new InvalidOperationException($"link '{name}' exists but is a {bridge.Kind ?? "plain"} device, not a bridge");
    }
}
