using Docker.DotNet.Models;
using TaskState = EdgeGateway.Mesh.Model.TaskState;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerLeavingTasksTests
{
    [Theory]
    [InlineData("kill", "9")]
    [InlineData("kill", "15")]
    [InlineData("die", null)]
    [InlineData("stop", null)]
    [InlineData("oom", null)]
    public void Record_TaskContainerGoingAway_TakesItsRunningTaskOutOfBalancing(string action, string? signal)
    {
        var leaving = new DockerLeavingTasks();

        Assert.True(leaving.Record(Event("container", action, "web.1", signal)));

        var state = leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2)));
        Assert.Equal(action is "kill" && signal == "15" || action == "oom" ? TaskState.Stopping : TaskState.Failed, state.Tasks[0].State);
        Assert.Equal(TaskState.Running, state.Tasks[1].State);
    }

    [Theory]
    [InlineData("container", "kill", "web.1", "1")]
    [InlineData("container", "start", "web.1", null)]
    [InlineData("container", "die", null, null)]
    [InlineData("service", "update", "web.1", null)]
    public void Record_OtherEvent_ChangesNothing(string type, string action, string? task, string? signal)
    {
        var leaving = new DockerLeavingTasks();
        var cluster = TestCluster.ClusterWith(TestCluster.WebTask(1));

        Assert.False(leaving.Record(Event(type, action, task, signal)));

        Assert.Same(cluster, leaving.Apply(cluster));
    }

    [Fact]
    public void Record_SameTaskAgain_ReportsNothingNew()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "kill", "web.1", "9"));

        Assert.False(leaving.Record(Event("container", "die", "web.1", null)));
    }

    [Fact]
    public void Apply_TaskSwarmAlreadyStopped_KeepsSwarmsState()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "die", "web.1", null));

        var state = leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Failed)));

        Assert.Equal(TaskState.Failed, Assert.Single(state.Tasks).State);
    }

    [Fact]
    public void Prune_SwarmNoLongerReportsTheTaskRunning_ForgetsIt()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "die", "web.1", null));

        leaving.Prune(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Failed)));

        Assert.Equal(TaskState.Running, Assert.Single(leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1))).Tasks).State);
    }

    [Fact]
    public void Prune_TaskStillReadAsRunning_KeepsItDraining()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "kill", "web.1", "15"));

        leaving.Prune(TestCluster.ClusterWith(TestCluster.WebTask(1)));

        Assert.Equal(TaskState.Stopping, Assert.Single(leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1))).Tasks).State);
    }

    [Fact]
    public void Prune_TaskReadAsStoppingWhoseContainerDied_StaysFailed()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "die", "web.1", null));

        leaving.Prune(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Stopping)));

        Assert.Equal(TaskState.Failed, Assert.Single(leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Stopping))).Tasks).State);
    }

    [Theory]
    [InlineData("kill", "9")]
    [InlineData("die", null)]
    [InlineData("stop", null)]
    public void Apply_ContainerKilledOrExited_TaskReadsAsFailed(string action, string? signal)
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", action, "web.1", signal));

        var state = leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2, TaskState.Stopping)));

        Assert.Equal([TaskState.Failed, TaskState.Stopping], state.Tasks.Select(t => t.State));
    }

    [Theory]
    [InlineData("kill", "15")]
    [InlineData("oom", null)]
    public void Apply_ContainerOnlyAskedToStop_TaskOnlyDrains(string action, string? signal)
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", action, "web.1", signal));

        Assert.Equal(TaskState.Stopping, Assert.Single(leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1))).Tasks).State);
    }

    [Fact]
    public void Record_ExitAfterSigterm_IsNewsAndTheTaskReadsAsFailed()
    {
        var leaving = new DockerLeavingTasks();
        leaving.Record(Event("container", "kill", "web.1", "15"));

        Assert.True(leaving.Record(Event("container", "die", "web.1", null)));

        Assert.Equal(TaskState.Failed, Assert.Single(leaving.Apply(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Stopping))).Tasks).State);
    }

    private static Message Event(string type, string action, string? task, string? signal)
    {
        var attributes = new Dictionary<string, string> { ["name"] = "edge_web.1.abc" };
        if (task is not null)
        {
            attributes[DockerLeavingTasks.TaskIdLabel] = task;
        }

        if (signal is not null)
        {
            attributes["signal"] = signal;
        }

        return new Message { Type = type, Action = action, Actor = new Actor { ID = "c0ffee", Attributes = attributes } };
    }
}
