using EdgeGateway.Resilience;

namespace EdgeGateway.Tests.Resilience;

public class RouteDeadlineTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [Fact]
    public void Expired_BudgetRunsOutThenTheConnectionIsCut_StaysExpired()
    {
        var time = new ResilienceTestClock();
        using var client = new CancellationTokenSource();
        using var deadline = new RouteDeadline(Budget, time, client.Token);

        time.Advance(Budget);
        client.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public void Expired_ClientLeftBeforeTheBudgetRanOut_False()
    {
        var time = new ResilienceTestClock();
        using var client = new CancellationTokenSource();
        using var deadline = new RouteDeadline(Budget, time, client.Token);

        client.Cancel();
        time.Advance(Budget);

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
    }

    [Fact]
    public void Expired_Lifted_NeverExpires()
    {
        var time = new ResilienceTestClock();
        using var deadline = new RouteDeadline(Budget, time, CancellationToken.None);

        deadline.Lift();
        time.Advance(Budget * 2);

        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
    }
}
