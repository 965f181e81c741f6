using Docker.DotNet.Models;
using EdgeGateway.Agent.Docker;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerTaskPollTests
{
    [Fact]
    public void Versions_SameTasksListedAgain_AreEqual()
    {
        Assert.True(DockerTaskPoll.Versions([Task("a", 10), Task("b", 11)]).SetEquals(DockerTaskPoll.Versions([Task("b", 11), Task("a", 10)])));
    }

    [Theory]
    [InlineData("a", 12ul, "b", 11ul)]
    [InlineData("a", 10ul, "c", 11ul)]
    public void Versions_TaskUpdatedOrReplaced_Differ(string first, ulong firstVersion, string second, ulong secondVersion)
    {
        var before = DockerTaskPoll.Versions([Task("a", 10), Task("b", 11)]);

        Assert.False(before.SetEquals(DockerTaskPoll.Versions([Task(first, firstVersion), Task(second, secondVersion)])));
    }

    [Fact]
    public void Versions_TaskAdded_Differ()
    {
        Assert.False(DockerTaskPoll.Versions([Task("a", 10)]).SetEquals(DockerTaskPoll.Versions([Task("a", 10), Task("b", 11)])));
    }

    private static TaskResponse Task(string id, ulong version) => new() { ID = id, Version = new global::Docker.DotNet.Models.Version { Index = version } };
}
