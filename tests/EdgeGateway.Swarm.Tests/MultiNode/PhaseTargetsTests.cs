using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.MultiNode;

public sealed class PhaseTargetsTests
{
    private static readonly Failure Reset = new(FailureKind.Reset, null, "reset");

    [Fact]
    public void NoFailure_NothingFailed_Met()
    {
        Assert.Null(PhaseTargets.NoFailure(Phase((Row("GET", "n1"), null))));
    }

    [Fact]
    public void NoFailure_OneFailure_SaysHowMany()
    {
        Assert.Equal("1 of 2 requests failed; zero allowed", PhaseTargets.NoFailure(Phase((Row("GET", "n1"), null), (Row("POST", "n1"), Reset))));
    }

    [Fact]
    public void OnlyInFlight_PostsUpToTheClientCount_Met()
    {
        Assert.Null(PhaseTargets.OnlyInFlight(2)(Phase((Row("POST", "n1"), Reset), (Row("POST", "n2"), Reset), (Row("GET", "n1"), null))));
    }

    [Fact]
    public void OnlyInFlight_AFailedGetAndTooManyPosts_NamesBoth()
    {
        var missed = PhaseTargets.OnlyInFlight(1)(Phase((Row("GET", "n1"), Reset), (Row("POST", "n1"), Reset), (Row("POST", "n2"), Reset)));

        Assert.Equal("1 GETs failed; zero allowed (retried on another task); 2 POSTs failed; at most 1 (one in flight per client) allowed", missed);
    }

    [Fact]
    public void OnlyInFlight_FailuresOnlyOnTheExceptedNode_Met()
    {
        Assert.Null(PhaseTargets.OnlyInFlight(1, "n3")(Phase((Row("GET", "n3"), Reset), (Row("POST", "n3"), Reset), (Row("GET", "n1"), null))));
    }

    private static LoadRow Row(string method, string node) => new(method, "/", node, ConnectionMode.KeepAlive);

    private static PhaseCounts Phase(params (LoadRow Row, Failure? Failure)[] requests)
    {
        var counts = new LoadCounts();
        foreach (var (row, failure) in requests)
        {
            counts.Record(row, failure);
        }

        return counts.EndPhase("p");
    }
}
