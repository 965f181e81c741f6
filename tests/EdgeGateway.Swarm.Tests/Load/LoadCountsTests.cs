using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Load;

public sealed class LoadCountsTests
{
    private static readonly LoadRow GetOnNode1 = new("GET", "/", "node1", ConnectionMode.KeepAlive);
    private static readonly LoadRow PostOnNode2 = new("POST", "/dnsrr/", "node2", ConnectionMode.NewConnection);

    [Fact]
    public void EndPhase_AfterRecords_CountsPerRowAndFailureColumn()
    {
        var counts = new LoadCounts();
        counts.Record(new LoadRequest(GetOnNode1, 0, 0, null));
        counts.Record(new LoadRequest(GetOnNode1, 0, 0, null));
        counts.Record(new LoadRequest(PostOnNode2, 0, 0, new Failure(FailureKind.Reset, null, "closed")));
        counts.Record(new LoadRequest(PostOnNode2, 0, 0, new Failure(FailureKind.Status, 502, "bad gateway")));

        var phase = counts.EndPhase("kill");

        Assert.Equal("kill", phase.Name);
        Assert.Equal((4, 2), (phase.Sent, phase.Failed));
        Assert.Equal(2, phase.Rows[GetOnNode1].Sent);
        Assert.Equal(0, phase.Rows[GetOnNode1].Failed);
        Assert.Equal(new Dictionary<string, long> { ["reset"] = 1, ["502"] = 1 }, phase.Rows[PostOnNode2].Failures);
        Assert.Equal(0, phase.FailedWhere(r => r.Method == "GET"));
        Assert.Equal(2, phase.SentWhere(r => r.Node == "node2"));
    }

    [Fact]
    public void EndPhase_Twice_SecondPhaseCountsOnlyWhatCameAfterTheFirst()
    {
        var counts = new LoadCounts();
        counts.Record(new LoadRequest(GetOnNode1, 0, 0, new Failure(FailureKind.Timeout, null, "slow")));
        counts.EndPhase("first");
        counts.Record(new LoadRequest(GetOnNode1, 0, 0, null));

        var second = counts.EndPhase("second");

        Assert.Equal((1, 0), (second.Sent, second.Failed));
    }

    [Fact]
    public void Total_AfterSeveralPhases_CountsEverything()
    {
        var counts = new LoadCounts();
        counts.Record(new LoadRequest(GetOnNode1, 0, 0, new Failure(FailureKind.Timeout, null, "slow")));
        counts.EndPhase("first");
        counts.Record(new LoadRequest(PostOnNode2, 0, 0, null));
        counts.EndPhase("second");

        var total = counts.Total("all");

        Assert.Equal((2, 1), (total.Sent, total.Failed));
    }

    [Fact]
    public void Record_ManyFailuresInOneRow_KeepsTheFirstThreeDetails()
    {
        var counts = new LoadCounts();
        for (var i = 0; i < 5; i++)
        {
            counts.Record(new LoadRequest(GetOnNode1, 0, 0, new Failure(FailureKind.Connection, null, $"refused {i}")));
        }

        var phase = counts.EndPhase("p");

        Assert.Equal(["connection: refused 0", "connection: refused 1", "connection: refused 2"], phase.Rows[GetOnNode1].Samples);
        Assert.Equal(["GET / node1: connection: refused 0", "GET / node1: connection: refused 1", "GET / node1: connection: refused 2"], phase.Samples);
        Assert.Equal(5, phase.Failed);
    }
}
