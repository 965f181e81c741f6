using EdgeGateway.Swarm.Tests.Support;
using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Load;

/// <summary>The load generator against a real loopback HTTP server.</summary>
public sealed class SteadyLoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EndPhase_AnsweringAndFailingTargets_CountsEachRowAndClassifiesItsFailures()
    {
        await using var server = new LoopbackHttpServer();
        LoadTarget[] targets =
        [
            new("up", server.Url("/ok"), HttpMethod.Get),
            new("up", server.Url("/ok"), HttpMethod.Post),
            new("up", server.Url("/status/503"), HttpMethod.Get),
            new("down", LoopbackHttpServer.ClosedPortUrl("/"), HttpMethod.Get),
        ];
        await using var load = new SteadyLoad(targets, output, clients: 4);

        load.Start();
        await UntilAsync(() => load.Sent >= 200);
        await load.StopAsync();
        var phase = load.EndPhase("mixed");

        Assert.Equal(0, phase.FailedWhere(r => r.Path == "/ok"));
        Assert.True(phase.SentWhere(r => r.Path == "/ok" && r.Method == "POST") > 0, "no POST was sent");
        Assert.Equal(phase.SentWhere(r => r.Path == "/status/503"), phase.Rows.Where(r => r.Key.Path == "/status/503").Sum(r => r.Value.Failures["503"]));
        Assert.Equal(phase.SentWhere(r => r.Node == "down"), phase.Rows.Where(r => r.Key.Node == "down").Sum(r => r.Value.Failures["connection"]));
        Assert.Equal(phase.Sent, load.Sent);
    }

    [Fact]
    public async Task Start_PostTargets_BodiesReachTheServer()
    {
        await using var server = new LoopbackHttpServer();
        await using var load = new SteadyLoad([new("n", server.Url("/echo"), HttpMethod.Post)], clients: 2);

        load.Start();
        await UntilAsync(() => load.Sent >= 20);
        await load.StopAsync();

        Assert.All(server.Requests, r => Assert.Matches(@"^POST /echo load request \d+\n$", r));
        Assert.Equal(load.Sent, server.Requests.Count);
    }

    [Fact]
    public async Task Start_TwoClients_OneKeepsItsConnectionOneOpensANewOnePerRequest()
    {
        await using var server = new LoopbackHttpServer();
        await using var load = new SteadyLoad([new("n", server.Url("/"), HttpMethod.Get)], clients: 2);

        load.Start();
        await UntilAsync(() => load.Sent >= 100);
        var phase = await load.StopAsync();

        var kept = phase.SentWhere(r => r.Connection == ConnectionMode.KeepAlive);
        var fresh = phase.SentWhere(r => r.Connection == ConnectionMode.NewConnection);
        Assert.True(kept > 0 && fresh > 0, $"keep-alive {kept}, new {fresh}");
        // One connection per new-connection request, a handful for the keep-alive client (renewed every lifetime).
        Assert.InRange(server.Connections, fresh, fresh + 10);
    }

    [Fact]
    public async Task EndPhase_RequestInFlightWhenStopping_FinishesAndCountsAsTimeout()
    {
        await using var server = new LoopbackHttpServer();
        await using var load = new SteadyLoad([new("n", server.Url("/hang"), HttpMethod.Get)], clients: 1, requestTimeout: TimeSpan.FromMilliseconds(300));

        load.Start();
        await UntilAsync(() => server.Requests.Count >= 1);
        var phase = await load.StopAsync();

        Assert.True(phase.Sent >= 1);
        Assert.Equal(phase.Sent, phase.Rows.Values.Sum(r => r.Failures["timeout"]));
    }

    [Fact]
    public async Task Failure_OnAnAcceptedConnection_CarriesWhatTheNetworkKnowsOfItsPort()
    {
        await using var server = new LoopbackHttpServer();
        var probed = new System.Collections.Concurrent.ConcurrentBag<int>();
        await using var load = new SteadyLoad(
            [new("n", server.Url("/hang"), HttpMethod.Get)], clients: 1, requestTimeout: TimeSpan.FromMilliseconds(300), keepAlive: false,
            acceptedConnection: (target, port) =>
            {
                probed.Add(port);
                return Task.FromResult($"{target.Node}: tracked from port {port}");
            });

        load.Start();
        await UntilAsync(() => !probed.IsEmpty);
        var phase = await load.StopAsync();

        var detail = phase.FailedRequestsWhere(_ => true).First().Failure!.Detail;
        var port = int.Parse(System.Text.RegularExpressions.Regex.Match(detail, @"from port (\d+), then").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(port, probed);
        Assert.Contains($"n: tracked from port {port}", detail, StringComparison.Ordinal);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, "the load did not get that far in time");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
