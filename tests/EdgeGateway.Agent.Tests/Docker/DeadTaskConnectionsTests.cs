using System.Net;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Tests.Docker;

public class DeadTaskConnectionsTests
{
    [Theory]
    [InlineData(TaskState.Running, TaskState.Failed)]
    [InlineData(TaskState.Running, TaskState.Shutdown)]
    [InlineData(TaskState.Stopping, TaskState.Complete)]
    public void Died_BackendEndsDead_ItsAddresses(TaskState before, TaskState after)
    {
        var died = DeadTaskConnections.Died(
            TestCluster.ClusterWith(TestCluster.WebTask(1, before), TestCluster.WebTask(2)),
            TestCluster.ClusterWith(TestCluster.WebTask(1, after), TestCluster.WebTask(2)));

        Assert.Equal([IPAddress.Parse("10.255.0.21")], died);
    }

    [Fact]
    public void Died_BackendNoLongerListed_ItsAddresses()
    {
        var died = DeadTaskConnections.Died(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2)), TestCluster.ClusterWith(TestCluster.WebTask(2)));

        Assert.Equal([IPAddress.Parse("10.255.0.21")], died);
    }

    [Theory]
    [InlineData(TaskState.Running, TaskState.Stopping)]
    [InlineData(TaskState.Running, TaskState.Running)]
    [InlineData(TaskState.Starting, TaskState.Failed)]
    [InlineData(TaskState.Failed, TaskState.Failed)]
    [InlineData(TaskState.Pending, TaskState.Running)]
    public void Died_NoBackendDied_Nothing(TaskState before, TaskState after)
    {
        Assert.Empty(DeadTaskConnections.Died(TestCluster.ClusterWith(TestCluster.WebTask(1, before)), TestCluster.ClusterWith(TestCluster.WebTask(1, after))));
    }
}
