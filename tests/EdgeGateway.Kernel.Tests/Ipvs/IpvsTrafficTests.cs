using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Rtnetlink;
using EdgeGateway.Mesh.Linux.Sysctls;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Kernel.Tests.Ipvs.Plans;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>
/// Real connections through IPVS: a client namespace, a balancer namespace holding the VIP, two backend namespaces,
/// all joined by veths. Checks balancing and draining (weight 0: no new connections, established ones keep working).
/// </summary>
[Trait(IpvsKernel.TraitName, IpvsKernel.TraitValue)]
public class IpvsTrafficTests
{
    private const string Vip = "10.213.70.100";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task Configure(NetNamespace ns, Action<RtnetlinkClient> work) => ns.RunAsync(() =>
    {
        using var client = RtnetlinkClient.Open();
        client.SetUp(client.GetLink("lo").Index);
        work(client);
    }, Token);

    // Joins lb and other with a veth on 10.213.SUBNET.0/24 (.1 on lb, .2 on other); other routes everything via lb.
    private static async Task LinkAsync(NetNamespace lb, NetNamespace other, string name, int subnet)
    {
        await Configure(lb, c =>
        {
            c.CreateVeth(name + "l", name + "r", other.Name);
            var index = c.GetLink(name + "l").Index;
            c.ReplaceAddress(index, IPAddress.Parse($"10.213.{subnet}.1"), 24);
            c.SetUp(index);
        });
        await Configure(other, c =>
        {
            var index = c.GetLink(name + "r").Index;
            c.ReplaceAddress(index, IPAddress.Parse($"10.213.{subnet}.2"), 24);
            c.SetUp(index);
            c.ReplaceRoute(new IPNetwork(IPAddress.Parse("10.213.0.0"), 16), IPAddress.Parse($"10.213.{subnet}.1"), index);
        });
    }

    [Fact]
    public async Task ApplyAsync_BackendDrained_NewConnectionsAvoidItWhileEstablishedOnesKeepWorking()
    {
        IpvsKernel.Require();
        await using var scope = new KernelTestScope();
        var lb = await scope.CreateNamespaceAsync("lb");
        var client = await scope.CreateNamespaceAsync("c");
        var s1 = await scope.CreateNamespaceAsync("s1");
        var s2 = await scope.CreateNamespaceAsync("s2");
        await LinkAsync(lb, client, "c", 73);
        await LinkAsync(lb, s1, "a", 71);
        await LinkAsync(lb, s2, "b", 72);
        await Configure(lb, c => c.ReplaceAddress(c.GetLink("lo").Index, IPAddress.Parse(Vip), 32));
        await lb.RunAsync(() => MeshSysctls.Apply(MeshSysctls.Sandbox), Token);
        await using var one = await EchoServer.StartAsync(s1, "s1", 8080);
        await using var two = await EchoServer.StartAsync(s2, "s2", 8080);
        await using var dataplane = await IpvsDataplanes.CreateBalancerAsync(lb);
        await dataplane.AdoptAsync(Token);
        var frontend = Tcp(Vip, 80);
        var vip = new IPEndPoint(IPAddress.Parse(Vip), 80);
        await dataplane.ApplyAsync(Of(Entry(frontend, Scheduler.RoundRobin, Backend("10.213.71.2", 8080), Backend("10.213.72.2", 8080))), Token);

        var first = new List<EchoClient>();
        for (var i = 0; i < 4; i++)
        {
            first.Add(await EchoClient.ConnectAsync(client, vip, Token));
        }

        var firstAnswers = first.Select(c => c.Server).ToList();

        await dataplane.ApplyAsync(Of(Entry(frontend, Scheduler.RoundRobin, Backend("10.213.71.2", 8080, 0), Backend("10.213.72.2", 8080))), Token);
        var laterAnswers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            laterAnswers.Add(await EchoClient.WhoAnswersAsync(client, vip, Token));
        }

        var establishedOnS1 = first[firstAnswers.IndexOf("s1")];
        var stillS1 = await establishedOnS1.EchoAsync("still", Token);
        var status = await dataplane.ReadAsync(Token);
        first.ForEach(c => c.Dispose());

        Assert.Equal(2, firstAnswers.Count(a => a == "s1"));
        Assert.Equal(2, firstAnswers.Count(a => a == "s2"));
        Assert.All(laterAnswers, a => Assert.Equal("s2", a));
        Assert.Equal("s1:still", stillS1);
        var drained = Assert.Single(Assert.Single(status.Frontends).Backends, b => b.Backend.Weight == 0);
        Assert.Equal(2, drained.ActiveConnections);
    }
}
