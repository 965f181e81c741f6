using System.Net;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Agent.Tests.Feed;

/// <summary>
/// A manager's agent (node n1) following the other nodes' agents: real feed servers on loopback, node n2 on 127.0.0.2
/// and node n3 on 127.0.0.3, on the same port as every agent's admin listener.
/// </summary>
public sealed class NodeTaskReportsTests : IAsyncDisposable
{
    private static readonly IPAddress N2 = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress N3 = IPAddress.Parse("127.0.0.3");
    private readonly HttpClient _http = ClusterStateClient.CreateHttpClient();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Apply_NodeReportsItsOwnTaskStopping_DrainsItButNotOtherNodesTasks()
    {
        await using var n2 = await FeedServer.StartAsync(N2, 0);
        // n2 says its own web.2 is leaving, and also (not its word to give) n1's web.1 and n3's web.3.
        n2.Feed.Publish(Cluster(n2.Port, Task(1, TaskState.Stopping), Task(2, TaskState.Stopping), Task(3, TaskState.Stopping), Task(4)));
        await using var reports = Reports(n2.Port);
        var read = Cluster(n2.Port, Task(1), Task(2), Task(3), Task(4));

        reports.Track(read);
        await _changed.WaitAsync(_stop.Token);

        Assert.Equal(
            [TaskState.Running, TaskState.Stopping, TaskState.Running, TaskState.Running],
            reports.Apply(read).Tasks.Select(t => t.State));
    }

    [Fact]
    public async Task Apply_NodeTakesItsReportBack_RunsAgain()
    {
        await using var n2 = await FeedServer.StartAsync(N2, 0);
        n2.Feed.Publish(Cluster(n2.Port, Task(2, TaskState.Stopping), Task(4)));
        await using var reports = Reports(n2.Port);
        var read = Cluster(n2.Port, Task(2), Task(4));
        reports.Track(read);
        await _changed.WaitAsync(_stop.Token);

        n2.Feed.Publish(Cluster(n2.Port, Task(2), Task(4)));
        await _changed.WaitAsync(_stop.Token);

        Assert.All(reports.Apply(read).Tasks, t => Assert.Equal(TaskState.Running, t.State));
    }

    [Fact]
    public async Task Apply_ReportingNodeGoneUnreachable_KeepsItsLastReport()
    {
        var n2 = await FeedServer.StartAsync(N2, 0);
        n2.Feed.Publish(Cluster(n2.Port, Task(2, TaskState.Stopping), Task(4)));
        await using var reports = Reports(n2.Port);
        var read = Cluster(n2.Port, Task(2), Task(4));
        reports.Track(read);
        await _changed.WaitAsync(_stop.Token);

        await n2.DisposeAsync();
        reports.Track(read);

        Assert.Equal([TaskState.Stopping, TaskState.Running], reports.Apply(read).Tasks.Select(t => t.State));
    }

    [Fact]
    public async Task Track_ManagersReadNoLongerRunning_ForgetsTheReport()
    {
        await using var n2 = await FeedServer.StartAsync(N2, 0);
        n2.Feed.Publish(Cluster(n2.Port, Task(2, TaskState.Stopping), Task(4)));
        await using var reports = Reports(n2.Port);
        reports.Track(Cluster(n2.Port, Task(2), Task(4)));
        await _changed.WaitAsync(_stop.Token);

        reports.Track(Cluster(n2.Port, Task(2, TaskState.Shutdown), Task(4)));
        var sameIdRunningAgain = Cluster(n2.Port, Task(2), Task(4));

        Assert.All(reports.Apply(sameIdRunningAgain).Tasks, t => Assert.Equal(TaskState.Running, t.State));
    }

    [Fact]
    public async Task Apply_AnotherNodeUnreachable_ChangesNothingAndOthersStillCount()
    {
        // n3's agent is not listening: connections to it are refused.
        await using var n2 = await FeedServer.StartAsync(N2, 0);
        n2.Feed.Publish(Cluster(n2.Port, Task(2, TaskState.Stopping), Task(3), Task(4)));
        await using var reports = Reports(n2.Port);
        var read = Cluster(n2.Port, Task(2), Task(3), Task(4));

        reports.Track(read);
        await _changed.WaitAsync(_stop.Token);

        Assert.Equal([TaskState.Stopping, TaskState.Running, TaskState.Running], reports.Apply(read).Tasks.Select(t => t.State));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _changed.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private NodeTaskReports Reports(int adminPort) =>
        new(new ClusterStateClient(_http), "n1", adminPort, () => _changed.Release(), TimeProvider.System, NullLogger.Instance);

    /// <summary>TestCluster's service "web" on nodes n1 (this manager), n2 and n3; web.N runs on node n((N-1)%3+1).</summary>
    private static ClusterState Cluster(int adminPort, params ClusterTask[] tasks) =>
        TestCluster.ClusterWith(tasks) with
        {
            Nodes = [new ClusterNode("n1", IPAddress.Loopback), new ClusterNode("n2", N2), new ClusterNode("n3", N3)],
        };

    private static ClusterTask Task(int n, TaskState state = TaskState.Running) =>
        TestCluster.WebTask(n, state) with { Node = $"n{((n - 1) % 3) + 1}" };
}
