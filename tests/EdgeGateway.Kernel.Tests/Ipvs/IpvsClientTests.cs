using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Rtnetlink;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>The generic netlink IPVS client against the real kernel (inside the qemu VM).</summary>
[Trait(IpvsKernel.TraitName, IpvsKernel.TraitValue)]
public class IpvsClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<T> InFreshNamespace<T>(KernelTestScope scope, Func<IpvsClient, T> work)
    {
        var ns = await scope.CreateNamespaceAsync("ipvs");
        return await ns.RunAsync(() =>
        {
            using (var links = RtnetlinkClient.Open())
            {
                links.SetUp(links.GetLink("lo").Index);
            }

            using var client = IpvsClient.Open();
            return work(client);
        }, Token);
    }

    [Fact]
    public async Task AddService_FirewallMarkWithRoundRobin_DumpedWithMarkSchedulerAndDestinations()
    {
        IpvsKernel.Require();
        await using var scope = new KernelTestScope();
        var mark = IpvsServiceKey.ForMark(0x101);

        var (services, destinations) = await InFreshNamespace(scope, c =>
        {
            c.AddService(mark, "rr");
            c.AddDestination(mark, IPAddress.Parse("10.213.60.2"), 0, 1);
            c.AddDestination(mark, IPAddress.Parse("10.213.60.3"), 0, 2);
            return (c.DumpServices(), c.DumpDestinations(mark));
        });

        var service = Assert.Single(services);
        Assert.Equal(mark, service.Key);
        Assert.Equal("rr", service.Scheduler);
        Assert.Equal(0, service.Connections);
        Assert.Equal(
            [new IpvsDestination(IPAddress.Parse("10.213.60.2"), 0, 1, 0, 0), new IpvsDestination(IPAddress.Parse("10.213.60.3"), 0, 2, 0, 0)],
            destinations.OrderBy(d => d.Address.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddService_Twice_ThrowsExistsNamingTheService()
    {
        IpvsKernel.Require();
        await using var scope = new KernelTestScope();
        var key = new IpvsServiceKey(IPAddress.Parse("10.213.50.1"), IpvsConstants.ProtocolTcp, 80);

        var error = await Assert.ThrowsAsync<KernelCallException>(() => InFreshNamespace<int>(scope, c =>
        {
            c.AddService(key, "wrr");
            c.AddService(key, "wrr");
            return 0;
        }));

        Assert.Equal(17, error.Errno);
        Assert.StartsWith("add IPVS service tcp 10.213.50.1:80 (scheduler wrr) failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddService_UnknownScheduler_ThrowsNoEntry()
    {
        IpvsKernel.Require();
        await using var scope = new KernelTestScope();
        var key = new IpvsServiceKey(IPAddress.Parse("10.213.50.1"), IpvsConstants.ProtocolUdp, 53);

        var error = await Assert.ThrowsAsync<KernelCallException>(() => InFreshNamespace<int>(scope, c =>
        {
            c.AddService(key, "nosuchsched");
            return 0;
        }));

        Assert.Equal(2, error.Errno);
        Assert.Contains("udp 10.213.50.1:53 (scheduler nosuchsched)", error.Message, StringComparison.Ordinal);
    }
}
