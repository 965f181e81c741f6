using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Tests.State;

public class StoppingMarksTests
{
    [Fact]
    public void Apply_SomeTasksOfAServiceLeaving_DrainsThem()
    {
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2), TestCluster.WebTask(3));

        var marked = StoppingMarks.Apply(state, t => t.Node == "n1");

        Assert.Equal([TaskState.Stopping, TaskState.Running, TaskState.Stopping], marked.Tasks.Select(t => t.State));
    }

    [Fact]
    public void Apply_EveryTaskTakingConnectionsLeaving_KeepsThemAsTheyAre()
    {
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2, TaskState.Stopping), TestCluster.WebTask(3));

        var marked = StoppingMarks.Apply(state, t => t.Node == "n1");

        Assert.Same(state.Tasks[0], marked.Tasks[0]);
        Assert.Equal([TaskState.Running, TaskState.Stopping, TaskState.Running], marked.Tasks.Select(t => t.State));
    }

    [Fact]
    public void Apply_LeavingTasksNotRunning_GivesTheStateItself()
    {
        var state = TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Starting), TestCluster.WebTask(2));

        var marked = StoppingMarks.Apply(state, t => t.Id == "web.1");

        Assert.Same(state, marked);
    }
}
