using System.Collections.Immutable;
using System.Net;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Mesh.Tests.Model;

public class TaskWeightsTests
{
    [Theory]
    [InlineData(TaskState.Running, TaskHealth.None, 1)]
    [InlineData(TaskState.Running, TaskHealth.Healthy, 1)]
    [InlineData(TaskState.Running, TaskHealth.Unhealthy, 0)]
    [InlineData(TaskState.Stopping, TaskHealth.Healthy, 0)]
    [InlineData(TaskState.Shutdown, TaskHealth.Healthy, 0)]
    [InlineData(TaskState.Running, TaskHealth.Starting, null)]
    [InlineData(TaskState.Pending, TaskHealth.None, null)]
    [InlineData(TaskState.Starting, TaskHealth.None, null)]
    [InlineData(TaskState.Complete, TaskHealth.None, null)]
    [InlineData(TaskState.Failed, TaskHealth.None, null)]
    public void Of_StateAndHealth_GivesWeight(TaskState state, TaskHealth health, int? expected)
    {
        var task = new ClusterTask("t", "s", "n", ImmutableSortedDictionary<string, IPAddress>.Empty, state, health);

        Assert.Equal(expected, TaskWeights.Of(task));
    }
}
