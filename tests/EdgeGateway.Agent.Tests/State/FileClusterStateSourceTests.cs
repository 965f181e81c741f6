using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Agent.Tests.State;

public sealed class FileClusterStateSourceTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("edge-agent-state-").FullName;

    private string StatePath => Path.Combine(_folder, "state.json");

    [Fact]
    public async Task WatchAsync_FileChanges_YieldsEachGoodStateAndSkipsBadOnes()
    {
        WriteAtomically(StateJson("n1"));
        var rejected = new List<string>();
        var source = new FileClusterStateSource(StatePath, TimeSpan.FromMilliseconds(200), TimeProvider.System, NullLogger<FileClusterStateSource>.Instance);
        source.Rejected += e => { lock (rejected) { rejected.Add(e.Message); } };
        using var stop = new CancellationTokenSource(Deadline);
        await using var states = source.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.Equal("n1", (await NextAsync(states)).Nodes[0].Name);

        var next = NextAsync(states);
        WriteAtomically("{ \"nodes\": [ { \"name\": \"n1\" } ] }");
        await Eventually.HoldsAsync("the invalid state file rejected", () => { lock (rejected) { return rejected.Count > 0; } });
        Assert.False(next.IsCompleted);
        Assert.Equal($"state file '{StatePath}' is invalid:{Environment.NewLine}  - nodes[0].address: is missing", rejected[0]);

        WriteAtomically(StateJson("n2"));
        Assert.Equal("n2", (await next).Nodes[0].Name);
    }

    [Fact]
    public async Task WatchAsync_FileMissingAtStart_YieldsOnceItAppears()
    {
        var rejected = 0;
        var source = new FileClusterStateSource(StatePath, TimeSpan.FromMilliseconds(200), TimeProvider.System, NullLogger<FileClusterStateSource>.Instance);
        source.Rejected += _ => Interlocked.Increment(ref rejected);
        using var stop = new CancellationTokenSource(Deadline);
        await using var states = source.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = NextAsync(states);

        await Eventually.HoldsAsync("the missing state file reported", () => Volatile.Read(ref rejected) > 0);
        WriteAtomically(StateJson("n3"));

        Assert.Equal("n3", (await next).Nodes[0].Name);
        Assert.Equal(1, Volatile.Read(ref rejected));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Write elsewhere, then rename over the state file: readers never see a half-written file.</summary>
    private void WriteAtomically(string json)
    {
        var temporary = StatePath + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, StatePath, overwrite: true);
    }

    private static string StateJson(string node) => $$"""{ "nodes": [ { "name": "{{node}}", "address": "192.168.77.11" } ] }""";

    private static async Task<ClusterState> NextAsync(IAsyncEnumerator<ClusterState> states)
    {
        Assert.True(await states.MoveNextAsync());
        return states.Current;
    }
}
