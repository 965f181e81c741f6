using Docker.DotNet.Models;
using EdgeGateway.Agent.Docker;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Agent.Tests.Docker;

public sealed class SwarmRoleWatchTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly Queue<Func<SystemInfoResponse>> _answers = new();
    private int _reads;

    [Fact]
    public async Task ChangedFromAsync_WorkerPromoted_ReturnsManager()
    {
        _answers.Enqueue(() => Info(manager: false));
        _answers.Enqueue(() => Info(manager: true));

        var changed = Watch().ChangedFromAsync(isManager: false, _stop.Token);
        await TickAsync(2);

        Assert.True(await changed.WaitAsync(_stop.Token));
    }

    [Fact]
    public async Task ChangedFromAsync_ManagerDemoted_ReturnsWorker()
    {
        _answers.Enqueue(() => Info(manager: false));

        var changed = Watch().ChangedFromAsync(isManager: true, _stop.Token);
        await TickAsync(1);

        Assert.False(await changed.WaitAsync(_stop.Token));
    }

    [Fact]
    public async Task ChangedFromAsync_DockerdDownOrNodeLeftTheSwarm_KeepsWatching()
    {
        _answers.Enqueue(() => throw new HttpRequestException("connection refused"));
        _answers.Enqueue(() => new SystemInfoResponse { Swarm = new Info { LocalNodeState = "inactive", ControlAvailable = false } });
        _answers.Enqueue(() => Info(manager: true));

        var changed = Watch().ChangedFromAsync(isManager: true, _stop.Token);
        await TickAsync(3);

        Assert.False(changed.IsCompleted);
        Assert.Equal(3, _reads);
    }

    public void Dispose() => _stop.Dispose();

    private SwarmRoleWatch Watch() => new(_ =>
    {
        _reads++;
        return Task.FromResult(_answers.Dequeue()());
    }, _time);

    /// <summary>Lets the watch read the role <paramref name="reads"/> more times, one interval apart.</summary>
    private async Task TickAsync(int reads)
    {
        var expected = _reads + reads;
        while (_reads < expected && !_stop.IsCancellationRequested)
        {
            _time.Advance(SwarmRoleWatch.Interval);
            await Task.Delay(10, _stop.Token);
        }
    }

    private static SystemInfoResponse Info(bool manager) => new() { Swarm = new Info { LocalNodeState = "active", ControlAvailable = manager } };
}
