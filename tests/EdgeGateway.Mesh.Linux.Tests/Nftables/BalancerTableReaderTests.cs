using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class BalancerTableReaderTests
{
    [Fact]
    public void Read_KernelJsonOfPlan_SameRulesetAsPlan()
    {
        var read = BalancerTableReader.Read(TableDump.Parse(Fixtures.BalancerThree, BalancerTable.Name));

        Assert.Equal(BalancerRuleset.From(Plans.Three()).Ordered, read!.Ordered);
    }

    [Fact]
    public void Read_ServiceChainWithExtraRule_Null()
    {
        var json = Fixtures.BalancerThree.Replace(
            "\"expr\": [{\"reject\"",
            "\"expr\": [{\"accept\": null}]}}, {\"rule\": {\"family\": \"ip\", \"table\": \"edge_mesh\", \"chain\": \"svc-GNVVPDWJ-idle/tcp/81\", \"handle\": 99, \"expr\": [{\"reject\"",
            StringComparison.Ordinal);
        Assert.NotEqual(Fixtures.BalancerThree, json);

        Assert.Null(BalancerTableReader.Read(TableDump.Parse(json, BalancerTable.Name)));
    }

    [Fact]
    public void Read_SlotsNotCoveringModulus_Null()
    {
        var json = Fixtures.BalancerThree.Replace("\"mode\": \"random\", \"mod\": 3", "\"mode\": \"random\", \"mod\": 4", StringComparison.Ordinal);
        Assert.NotEqual(Fixtures.BalancerThree, json);

        Assert.Null(BalancerTableReader.Read(TableDump.Parse(json, BalancerTable.Name)));
    }

    [Fact]
    public void Read_BaseChainMissing_Null()
    {
        var json = Fixtures.BalancerThree.Replace("\"chain\": \"postrouting\"", "\"chain\": \"elsewhere\"", StringComparison.Ordinal);
        Assert.NotEqual(Fixtures.BalancerThree, json);

        Assert.Null(BalancerTableReader.Read(TableDump.Parse(json, BalancerTable.Name)));
    }
}
