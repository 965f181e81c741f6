using System.Net;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Agent.Tests.Fakes;
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

    [Fact]
    public async Task WatchAsync_ForgettingStillRunning_NextStatePassedOn()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var inner = new ChannelStateSource();
        var forgetting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var forgotten = new List<IPAddress>();
        var source = new DeadTaskConnections(inner, async (dead, _) =>
        {
            forgotten.AddRange(dead);
            await forgetting.Task;
        });
        await using var states = source.WatchAsync(cancellation).GetAsyncEnumerator(cancellation);
        inner.Push(TestCluster.ClusterWith(TestCluster.WebTask(1), TestCluster.WebTask(2)));
        inner.Push(TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Failed), TestCluster.WebTask(2)));
        var drained = TestCluster.ClusterWith(TestCluster.WebTask(1, TaskState.Failed), TestCluster.WebTask(2, TaskState.Stopping));
        inner.Push(drained);

        Assert.True(await states.MoveNextAsync());
        Assert.True(await states.MoveNextAsync());
        // Task 1's connections are being forgotten (and stay so): task 2's drain must come through meanwhile.
        Assert.True(await states.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), cancellation));
        Assert.Same(drained, states.Current);
        Assert.Equal([IPAddress.Parse("10.255.0.21")], forgotten);
        forgetting.SetResult();
    }
}
