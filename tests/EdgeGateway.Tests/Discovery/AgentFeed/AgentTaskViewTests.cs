using System.Net;
using EdgeGateway.Discovery.AgentFeed;

namespace EdgeGateway.Tests.Discovery.AgentFeed;

public class AgentTaskViewTests
{
    [Fact]
    public void Parse_TasksInEveryState_LeavingOnlyForThoseToldToStopOrGone()
    {
        var view = AgentTaskView.Parse("v1", """
            { "nodes": [], "tasks": [
              { "id": "a", "addresses": { "net1": "10.0.0.2" }, "state": "running" },
              { "id": "b", "addresses": { "net1": "10.0.0.3" }, "state": "stopping" },
              { "id": "c", "addresses": { "net1": "10.0.0.4" }, "state": "failed" },
              { "id": "d", "addresses": { "net1": "10.0.0.5" }, "state": "starting" },
              { "id": "e", "addresses": { "net1": "10.0.0.6" } } ] }
            """);

        Assert.Equal("v1", view.Version);
        Assert.False(view.IsLeaving(IPAddress.Parse("10.0.0.2")));
        Assert.True(view.IsLeaving(IPAddress.Parse("10.0.0.3")));
        Assert.True(view.IsLeaving(IPAddress.Parse("10.0.0.4")));
        Assert.False(view.IsLeaving(IPAddress.Parse("10.0.0.5")));
        Assert.False(view.IsLeaving(IPAddress.Parse("10.0.0.6")));
    }

    [Fact]
    public void IsLeaving_AddressReusedByARunningTask_NotLeaving()
    {
        var view = AgentTaskView.Parse("v1", """
            { "tasks": [
              { "id": "old", "addresses": { "net1": "10.0.0.3" }, "state": "shutdown" },
              { "id": "new", "addresses": { "net1": "10.0.0.3" }, "state": "running" } ] }
            """);

        Assert.False(view.IsLeaving(IPAddress.Parse("10.0.0.3")));
    }

    [Theory]
    [InlineData("""{ "nodes": [] }""", "the state has no 'tasks' array")]
    [InlineData("""{ "tasks": [ { "addresses": { "net1": "10.0.0" }, "state": "stopping" } ] }""", "tasks[0].addresses.net1: '10.0.0' is not an IP address")]
    [InlineData("""{ "tasks": [ { "addresses": { "net1": 7 }, "state": "running" } ] }""", "the state has a value of the wrong type: ")]
    [InlineData("{ \"tasks\": [\n  {", "the state is not valid JSON (line 2): ")]
    public void Parse_BadDocument_SaysWhatIsWrongAndWhere(string json, string message)
    {
        var error = Assert.Throws<AgentFeedException>(() => AgentTaskView.Parse("v1", json));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
