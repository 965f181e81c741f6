using EdgeGateway.Agent.Docker;
using EdgeGateway.Mesh.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Agent.Tests.Docker;

/// <summary>
/// A dockerd that goes away and comes back: the Docker client talks to a Unix socket where, in turn, nothing listens,
/// and then a real HTTP server answers the two calls made (ping, and the running task containers: web.1 on this node).
/// </summary>
public sealed class DockerOutageTests : IAsyncDisposable
{
    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"outage-{Guid.NewGuid():N}.sock");
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly SemaphoreSlim _changed = new(0);
    private readonly TaskCompletionSource _dockerdPinged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _dockerd;

    [Fact]
    public async Task Apply_DockerdGone_EveryRunningTaskOfThisNodeStopping()
    {
        var outage = await StartAsync();

        outage.Suspect();
        await _changed.WaitAsync(_stop.Token);

        var published = outage.Apply(Cluster(TaskState.Running));
        Assert.Equal([TaskState.Stopping, TaskState.Running, TaskState.Stopping], published.Tasks.Select(t => t.State));
    }

    [Fact]
    public async Task Apply_DockerdBack_LiftsTheMarkAndUndoesItsEchoForTasksStillRunning()
    {
        var outage = await StartAsync();
        outage.Suspect();
        await _changed.WaitAsync(_stop.Token);

        await StartDockerdAsync();
        await _changed.WaitAsync(_stop.Token);

        // The managers still repeat this node's earlier report (web.1, web.3 stopping); web.3's container is gone.
        var echoed = outage.Apply(Cluster(TaskState.Stopping));
        Assert.Equal([TaskState.Running, TaskState.Running, TaskState.Stopping], echoed.Tasks.Select(t => t.State));
        // Once the managers say running again, a later stopping is theirs, not an echo.
        outage.Apply(Cluster(TaskState.Running));
        Assert.Equal([TaskState.Stopping, TaskState.Running, TaskState.Stopping], outage.Apply(Cluster(TaskState.Stopping)).Tasks.Select(t => t.State));
    }

    [Fact]
    public async Task Apply_DockerdAnswersWhenSuspected_ChangesNothing()
    {
        await StartDockerdAsync();
        var outage = await StartAsync();

        outage.Suspect();
        await _dockerdPinged.Task.WaitAsync(_stop.Token);

        var state = Cluster(TaskState.Running);
        Assert.Same(state, outage.Apply(state));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_dockerd is not null)
        {
            await _dockerd.StopAsync();
            await _dockerd.DisposeAsync();
        }

        _stop.Dispose();
        _changed.Dispose();
        File.Delete(_socket);
    }

    private Task<DockerOutage> StartAsync()
    {
        var outage = new DockerOutage(DockerEngine.Connect(new Uri($"unix://{_socket}")), "n1", TimeProvider.System, NullLogger.Instance);
        _ = outage.RunAsync(() => _changed.Release(), _stop.Token);
        return Task.FromResult(outage);
    }

    /// <summary>What dockerd answers to the two calls: a ping, and web.1's container running here.</summary>
    private async Task StartDockerdAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(_socket));
        _dockerd = builder.Build();
        _dockerd.MapGet("/_ping", () =>
        {
            _dockerdPinged.TrySetResult();
            return Results.Text("OK");
        });
        _dockerd.MapGet("/containers/json", () => Results.Text(
            $$"""[{"Id":"c1","Labels":{"{{DockerLeavingTasks.TaskIdLabel}}":"web.1"},"State":"running"}]""", "application/json"));
        await _dockerd.StartAsync(_stop.Token);
    }

    /// <summary>web.1 and web.3 on this node (n1) in the given state, web.2 running on n2.</summary>
    private static ClusterState Cluster(TaskState onThisNode) => TestCluster.ClusterWith(
        TestCluster.WebTask(1, onThisNode), TestCluster.WebTask(2), TestCluster.WebTask(3, onThisNode));
}
