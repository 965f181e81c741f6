using EdgeGateway.Agent.Feed;

namespace EdgeGateway.Agent.Tests.Feed;

public class ManagerRotationTests
{
    private static readonly Uri A = new("http://10.0.0.11:9464/");
    private static readonly Uri B = new("http://10.0.0.12:9464/");
    private static readonly Uri C = new("http://10.0.0.13:9464/");

    [Fact]
    public void Failed_EachManagerInTurn_MovesToTheNextAndThenSaysAllFailed()
    {
        var rotation = new ManagerRotation();
        rotation.Update([A, B, C]);
        var tried = new List<Uri>();

        while (!rotation.AllFailed)
        {
            tried.Add(rotation.Current!);
            rotation.Failed();
        }

        Assert.Equal([A, B, C], tried);
        Assert.Equal(A, rotation.Current);
    }

    [Fact]
    public void Succeeded_AfterAFailure_StaysWithTheManagerThatAnswered()
    {
        var rotation = new ManagerRotation();
        rotation.Update([A, B, C]);

        rotation.Failed();
        rotation.Succeeded();
        rotation.Failed();
        rotation.Failed();

        Assert.False(rotation.AllFailed);
        Assert.Equal(A, rotation.Current);
    }

    [Fact]
    public void Update_CurrentManagerStillListed_StaysCurrent()
    {
        var rotation = new ManagerRotation();
        rotation.Update([A, B, C]);
        rotation.Failed();

        rotation.Update([C, B]);

        Assert.Equal(B, rotation.Current);
        Assert.False(rotation.AllFailed);
    }

    [Fact]
    public void Update_CurrentManagerGone_StartsAtTheFirst()
    {
        var rotation = new ManagerRotation();
        rotation.Update([A, B]);

        rotation.Update([C, B]);

        Assert.Equal(C, rotation.Current);
    }

    [Fact]
    public void AllFailed_NoManagerKnown_IsTrue()
    {
        var rotation = new ManagerRotation();
        rotation.Update([]);

        Assert.True(rotation.AllFailed);
        Assert.Null(rotation.Current);
    }
}
