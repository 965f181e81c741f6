using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerTaskStatesTests
{
    [Theory]
    [InlineData("running", "running", TaskState.Running)]
    [InlineData("running", "shutdown", TaskState.Stopping)]
    [InlineData("running", "remove", TaskState.Stopping)]
    [InlineData("starting", "running", TaskState.Starting)]
    [InlineData("preparing", "running", TaskState.Pending)]
    [InlineData("assigned", "running", TaskState.Pending)]
    [InlineData("complete", "shutdown", TaskState.Complete)]
    [InlineData("shutdown", "shutdown", TaskState.Shutdown)]
    [InlineData("failed", "shutdown", TaskState.Failed)]
    [InlineData("rejected", "shutdown", TaskState.Failed)]
    [InlineData("orphaned", "running", TaskState.Failed)]
    public void Of_DockerStateAndDesiredState_MeshState(string state, string desired, TaskState expected) =>
        Assert.Equal(expected, DockerTaskStates.Of(state, desired));

    [Fact]
    public void Of_RunningTaskToldToStop_DrainsBeforeItExits() =>
        Assert.Equal(TaskWeights.Draining, TaskWeights.Of(new ClusterTask("t", "s", "n", System.Collections.Immutable.ImmutableSortedDictionary<string, System.Net.IPAddress>.Empty, DockerTaskStates.Of("running", "shutdown"), TaskHealth.None)));
}
