using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Feed;
using EdgeGateway.Agent.State;
using EdgeGateway.Agent.Tests.Fakes;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Agent.Tests.Cli;

/// <summary>
/// The agent's host (admin listener over real HTTP on loopback, the reconcile loop on fake dataplanes, or only following
/// where it programs nothing) serving the state it follows, and another agent's follower reading it through changes and through the agent restarting.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edge-agent-feed-").FullName;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly HttpClient _http = ClusterStateClient.CreateHttpClient();

    private string StatePath => Path.Combine(_folder, "state.json");

    [Fact]
    public async Task HostAsync_StateSource_ServesEachStateAtClusterStateAcrossRestarts()
    {
        var admin = new Uri($"http://127.0.0.1:{FreePort()}/");
        var options = TestCluster.Options with { AdminUrl = admin };
        Write(State(1));
        var agent = StartAgent(options);
        var follower = new ManagerStateFollower(new ClusterStateClient(_http), _ => Task.FromResult(ImmutableArray.Create(admin)), TimeProvider.System, NullLogger<ManagerStateFollower>.Instance);
        await using var states = follower.FollowAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);

        Assert.Equal(["web.1"], await NextTaskIdsAsync(states));
        Write(State(1, 2));
        Assert.Equal(["web.1", "web.2"], await NextTaskIdsAsync(states));

        await agent.StopAsync();
        var next = NextTaskIdsAsync(states);
        Write(State(2));
        agent = StartAgent(options);

        Assert.Equal(["web.2"], await next);
        await agent.StopAsync();
    }

    [Fact]
    public async Task HostAsync_ClientNeitherLoopbackNodeNorAllowed_GetsMetricsAndHealthButNotTheState()
    {
        var admin = new Uri($"http://127.0.0.1:{FreePort()}/");
        Write(State(1));
        var agent = StartAgent(TestCluster.Options with { AdminUrl = admin });
        using var stranger = Feed.SourceBoundHttpClient.Create(IPAddress.Parse("127.0.0.2"));

        await Eventually.HoldsAsync("the agent synced (healthz 200) for a client the state feed refuses", async () =>
        {
            using var health = await stranger.GetAsync(new Uri(admin, "/healthz"), _stop.Token);
            return health.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30));
        using var state = await stranger.GetAsync(new Uri(admin, ClusterStateEndpoint.Path), _stop.Token);
        using var metrics = await stranger.GetAsync(new Uri(admin, "/metrics"), _stop.Token);

        Assert.Equal(HttpStatusCode.Forbidden, state.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("\nedge_agent_feed_refused_total ", await metrics.Content.ReadAsStringAsync(_stop.Token), StringComparison.Ordinal);
        await agent.StopAsync();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task HostAsync_FeedSocket_ReplacesAStaleFileAndServesTheStateToAnyLocalUser()
    {
        var socket = Path.Combine(_folder, "run", "feed.sock");
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        await File.WriteAllTextAsync(socket, "left by a killed agent", _stop.Token);
        Write(State(1));
        var agent = StartAgent(TestCluster.Options with { AdminUrl = new Uri($"http://127.0.0.1:{FreePort()}/"), FeedSocket = socket });
        using var local = UnixSocketHttpClient(socket);

        var body = await Eventually.ValueAsync("the state on the socket", async () =>
        {
            using var state = await local.GetAsync(new Uri("http://localhost" + ClusterStateEndpoint.Path), _stop.Token);
            return state.StatusCode == HttpStatusCode.OK && state.Headers.ETag is not null ? await state.Content.ReadAsStringAsync(_stop.Token) : null;
        }, b => b is not null, TimeSpan.FromSeconds(30));

        Assert.Contains("\"web.1\"", body, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite, File.GetUnixFileMode(socket));
        await agent.StopAsync();
    }

    [Fact]
    public async Task ObserveAsync_NoDataplanes_UnhealthyUntilTheFirstStateThenServesIt()
    {
        var admin = new Uri($"http://127.0.0.1:{FreePort()}/");
        var source = new ChannelStateSource();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var agent = new RunningAgent(RunCommand.ObserveAsync(TestCluster.Options with { AdminUrl = admin }, services => services.AddSingleton<IClusterStateSource>(source), stop.Token), stop);

        var waiting = await Eventually.ValueAsync("the observing agent answers /healthz", () => HealthAsync(admin), h => h is not null, TimeSpan.FromSeconds(30));
        source.Push(State(1));
        await Eventually.HoldsAsync("the observing agent is healthy once it holds a state", async () => await HealthAsync(admin) == "200 ok", TimeSpan.FromSeconds(30));
        var state = await _http.GetStringAsync(new Uri(admin, ClusterStateEndpoint.Path), _stop.Token);

        Assert.Equal("503 no cluster state yet", waiting);
        Assert.Contains("\"web.1\"", state, StringComparison.Ordinal);
        await agent.StopAsync();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private RunningAgent StartAgent(EdgeGateway.Agent.Configuration.AgentOptions options)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var mesh = new FakeMesh();
        var run = RunCommand.HostAsync(options, "fake", services =>
        {
            services.AddSingleton(mesh.Dataplanes);
            services.AddSingleton<IClusterStateSource>(sp => new FileClusterStateSource(
                StatePath, TimeSpan.FromMilliseconds(200), TimeProvider.System, sp.GetRequiredService<ILogger<FileClusterStateSource>>()));
        }, stop.Token);
        return new RunningAgent(run, stop);
    }

    /// <summary>"STATUS body" of /healthz; null while nothing listens yet.</summary>
    private async Task<string?> HealthAsync(Uri admin)
    {
        try
        {
            using var health = await _http.GetAsync(new Uri(admin, "/healthz"), _stop.Token);
            return $"{(int)health.StatusCode} {(await health.Content.ReadAsStringAsync(_stop.Token)).Trim()}";
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private void Write(ClusterState state)
    {
        var temporary = StatePath + ".tmp";
        File.WriteAllText(temporary, StateFileWriter.ToJson(state));
        File.Move(temporary, StatePath, overwrite: true);
    }

    private static ClusterState State(params int[] tasks) => TestCluster.ClusterWith([.. tasks.Select(n => TestCluster.WebTask(n))]);

    private static async Task<string[]> NextTaskIdsAsync(IAsyncEnumerator<VersionedState> states)
    {
        Assert.True(await states.MoveNextAsync());
        return [.. states.Current.State.Tasks.Select(t => t.Id)];
    }

    private static HttpClient UnixSocketHttpClient(string path) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record RunningAgent(Task<int> Run, CancellationTokenSource Stop)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync();
            Assert.Equal(0, await Run);
            Stop.Dispose();
        }
    }
}
