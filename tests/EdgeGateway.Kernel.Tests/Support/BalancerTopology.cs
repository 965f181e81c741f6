using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// A balancer namespace with a client namespace on one veth and one namespace per backend on others (each running
/// an <see cref="EchoServer"/> named b1, b2, ...). Backends have no route beyond their link, so answers only come
/// back when the balancer masquerades. Nothing has a route off the machine.
/// </summary>
internal sealed class BalancerTopology : IAsyncDisposable
{
    public const int BackendPort = 8080;

    /// <summary>A service address that only the balancer's rules give meaning to.</summary>
    public static readonly IPAddress Vip = IPAddress.Parse("10.213.200.1");

    private readonly List<EchoServer> _servers = [];

    private BalancerTopology(NetNamespace balancer, NetNamespace client)
    {
        Balancer = balancer;
        Client = client;
    }

    public NetNamespace Balancer { get; }

    public NetNamespace Client { get; }

    public List<IPAddress> BackendAddresses { get; } = [];

    public static async Task<BalancerTopology> CreateAsync(KernelTestScope scope, int backends)
    {
        var balancer = await scope.CreateNamespaceAsync("lb");
        var client = await scope.CreateNamespaceAsync("c");
        var topology = new BalancerTopology(balancer, client);
        if (!await balancer.RunAsync(NftablesDataplanes.IsAvailable))
        {
            Assert.Skip("SKIPPED: libnftables.so.1 cannot be loaded or cannot reach the kernel (apt-get install libnftables1)");
        }

        await Cli.IpAsync(balancer.Name, "link", "set", "lo", "up");
        await Cli.SysctlAsync(balancer.Name, "net.ipv4.ip_forward", "1");
        await LinkAsync(balancer.Name, "cl", client.Name, "10.213.100.1", "10.213.100.2");
        await Cli.IpAsync(client.Name, "route", "add", "10.213.200.0/24", "via", "10.213.100.1");
        for (var i = 1; i <= backends; i++)
        {
            var ns = await scope.CreateNamespaceAsync($"b{i}");
            await LinkAsync(balancer.Name, $"b{i}", ns.Name, $"10.213.{i}.1", $"10.213.{i}.2");
            topology.BackendAddresses.Add(IPAddress.Parse($"10.213.{i}.2"));
            topology._servers.Add(await EchoServer.StartAsync(ns, $"b{i}", BackendPort));
        }

        return topology;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A veth from <paramref name="ns"/> (device <paramref name="device"/>) to eth0 in <paramref name="peer"/>, /24 each side.</summary>
    private static async Task LinkAsync(string ns, string device, string peer, string address, string peerAddress)
    {
        await Cli.IpAsync(ns, "link", "add", device, "type", "veth", "peer", "name", "eth0", "netns", peer);
        await Cli.IpAsync(ns, "addr", "add", address + "/24", "dev", device);
        await Cli.IpAsync(ns, "link", "set", device, "up");
        await Cli.IpAsync(peer, "addr", "add", peerAddress + "/24", "dev", "eth0");
        await Cli.IpAsync(peer, "link", "set", "eth0", "up");
        await Cli.IpAsync(peer, "link", "set", "lo", "up");
    }
}
