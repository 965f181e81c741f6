using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.MultiNode;

public sealed class PhaseTargetsTests
{
    private static readonly Failure Reset = new(FailureKind.Reset, null, "reset");

    [Fact]
    public void NoFailure_NothingFailed_Met()
    {
        Assert.Null(PhaseTargets.NoFailure(Phase(Request("GET", "n1", 0, 1, null))));
    }

    [Fact]
    public void NoFailure_OneFailure_SaysHowMany()
    {
        Assert.Equal("1 of 2 requests failed; zero allowed", PhaseTargets.NoFailure(Phase(Request("GET", "n1", 0, 1, null), Request("POST", "n1", 0, 1, Reset))));
    }

    [Fact]
    public void NoFailureBut_FailuresOnlyOnThatNode_Met()
    {
        Assert.Null(PhaseTargets.NoFailureBut("n3")(Phase(Request("GET", "n3", 0, 1, Reset), Request("GET", "n1", 0, 1, null))));
    }

    [Fact]
    public void NoFailureBut_AFailureOnAnotherNode_SaysHowMany()
    {
        var missed = PhaseTargets.NoFailureBut("n3")(Phase(Request("GET", "n3", 0, 1, Reset), Request("POST", "n1", 0, 1, Reset), Request("GET", "n2", 0, 1, null)));

        Assert.Equal("1 of 2 requests to other nodes than n3 failed; zero allowed", missed);
    }

    [Fact]
    public async Task OnlyInFlight_PostsInFlightDuringTheKill_Met()
    {
        var (kills, before, after) = await KilledAsync();

        Assert.Null(PhaseTargets.OnlyInFlight(kills, getsRetried: true)(Phase(Request("POST", "n1", before - 5, after, Reset), Request("POST", "n2", before, after + 9, Reset), Request("GET", "n1", after + 1, after + 2, null))));
    }

    [Fact]
    public async Task OnlyInFlight_FailuresSentAfterTheKillReturned_Missed()
    {
        var (kills, before, after) = await KilledAsync();

        var missed = PhaseTargets.OnlyInFlight(kills, getsRetried: false)(Phase(Request("GET", "n1", after + 1, after + 2, Reset), Request("POST", "n2", before, after + 2, Reset)));

        Assert.Equal("1 failed requests were not in flight during a kill (sent after it returned); zero allowed", missed);
    }

    [Fact]
    public async Task OnlyInFlight_AFailureThatEndedBeforeTheKill_Missed()
    {
        var (kills, before, _) = await KilledAsync();

        Assert.NotNull(PhaseTargets.OnlyInFlight(kills, getsRetried: false)(Phase(Request("POST", "n1", before - 9, before - 1, Reset))));
    }

    [Fact]
    public async Task OnlyInFlight_AGetInFlightWhenGetsAreRetried_Missed()
    {
        var (kills, before, after) = await KilledAsync();

        var missed = PhaseTargets.OnlyInFlight(kills, getsRetried: true)(Phase(Request("GET", "n1", before, after, Reset)));

        Assert.Equal("1 GETs failed; zero allowed (retried on another task)", missed);
    }

    [Fact]
    public async Task OnlyInFlight_AGetInFlightInAKilledGateway_Met()
    {
        var (kills, before, after) = await KilledAsync();

        Assert.Null(PhaseTargets.OnlyInFlight(kills, getsRetried: false)(Phase(Request("GET", "n1", before, after, Reset))));
    }

    [Fact]
    public async Task OnlyInFlight_ExceptNode_ItsFailuresDoNotCountOthersSentAfterTheStopDo()
    {
        var (stops, before, after) = await KilledAsync();

        var missed = PhaseTargets.OnlyInFlight(stops, getsRetried: false, exceptNode: "n3")(Phase(
            Request("GET", "n3", after + 1, after + 2, Reset), Request("POST", "n1", before, after, Reset), Request("GET", "n2", after + 1, after + 2, Reset)));

        Assert.Equal("1 failed requests to other nodes than n3 were not in flight during a kill (sent after it returned); zero allowed", missed);
    }

    [Fact]
    public void OnlyInFlight_NoKillRecorded_Missed()
    {
        Assert.Equal("no kill was recorded", PhaseTargets.OnlyInFlight(new KillMoments(), getsRetried: true)(Phase(Request("GET", "n1", 0, 1, null))));
    }

    /// <summary>A kill that took a little time, with timestamps taken just before it began and just after it returned.</summary>
    private static async Task<(KillMoments Kills, long Began, long Returned)> KilledAsync()
    {
        var kills = new KillMoments();
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        await kills.MeasureAsync(() => Task.Delay(20));
        var after = System.Diagnostics.Stopwatch.GetTimestamp();
        return (kills, before, after);
    }

    private static LoadRequest Request(string method, string node, long sent, long ended, Failure? failure) =>
        new(new LoadRow(method, "/", node, ConnectionMode.KeepAlive), sent, ended, failure);

    private static PhaseCounts Phase(params LoadRequest[] requests)
    {
        var counts = new LoadCounts();
        foreach (var request in requests)
        {
            counts.Record(request);
        }

        return counts.EndPhase("p");
    }
}
