using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;
using static EdgeGateway.Mesh.Linux.Tests.Nftables.Plans;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class BalancerRulesetTests
{
    [Fact]
    public void Next_EqualPlan_SameChainsNewSource()
    {
        var current = BalancerRuleset.From(Three());
        var again = Three();

        var next = current.Next(again);

        Assert.Same(current.Chains, next.Chains);
        Assert.Same(again, next.Source);
    }

    [Fact]
    public void Next_OneEntryChanged_OnlyThatChainRebuiltOthersShared()
    {
        var current = BalancerRuleset.From(Three());
        var changed = BalancerPlan.From(Three().Entries.Values.Select(e => e.Service == "dns" ? Dns(B("10.0.1.2", 53)) : e));

        var next = current.Next(changed);

        Assert.Equal(BalancerRuleset.From(changed).Chains.Values.OrderBy(c => c.Name), next.Chains.Values.OrderBy(c => c.Name));
        Assert.All(next.Chains, kv =>
        {
            var shared = ReferenceEquals(kv.Value, current.Chains[kv.Key]);
            Assert.Equal(kv.Key.Protocol != L4Protocol.Udp, shared);
        });
    }

    [Fact]
    public void Next_EntriesAddedAndRemoved_ChainsFollow()
    {
        var current = BalancerRuleset.From(Three());
        var added = Web(B("10.0.1.9", 80)) with { Frontend = new(System.Net.IPAddress.Parse("10.0.0.4"), L4Protocol.Tcp, 80) };
        var target = BalancerPlan.From(Three().Entries.Values.Where(e => e.Service != "idle").Append(added));

        var next = current.Next(target);

        Assert.Equal(
            ["tcp 10.0.0.2:80", "tcp 10.0.0.4:80", "udp 10.0.0.2:53"],
            next.Ordered.Select(c => c.Frontend.ToString()));
    }

    [Fact]
    public void Next_ReadFromKernel_BuildsWhole()
    {
        var adopted = BalancerRuleset.From(Three()) with { Source = null };

        var next = adopted.Next(Three());

        Assert.Equal(adopted.Chains.Count, next.Chains.Count);
        Assert.All(next.Chains, kv => Assert.NotSame(adopted.Chains[kv.Key], kv.Value));
        Assert.All(next.Chains, kv => Assert.Equal(adopted.Chains[kv.Key], kv.Value));
    }

    [Fact]
    public void Next_InvalidChangedEntry_ThrowsNamingIt()
    {
        var current = BalancerRuleset.From(Three());
        var invalid = BalancerPlan.From(Three().Entries.Values.Select(e => e.Service == "web" ? Web(B("10.0.1.2", 0)) : e));

        var error = Assert.Throws<ArgumentException>(() => current.Next(invalid));

        Assert.Equal("balancer 'web' frontend tcp 10.0.0.2:80 backend 10.0.1.2:0 w=1: port 0 is out of range 1-65535", error.Message);
    }
}
