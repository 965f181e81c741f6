using System.Diagnostics;

namespace EdgeGateway.Convergence.Bench;

/// <summary>
/// `docker kill` of one task of each upstream at once, under the probes' load: the last new connection each gateway
/// service (through its discovery, or the agent's VIP balancer in its tasks' namespaces) opened to a dead task,
/// counted from the kill, watched for <see cref="Window"/>, each timed by the kernel; and the requests that failed meanwhile.
/// </summary>
internal static class KillRound
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(25);

    public static async Task<KillResult> RunAsync(Swarm swarm, IReadOnlyList<GatewayService> gateways, IReadOnlyDictionary<ProbeKey, Probe> probes, Stopwatch clock)
    {
        var victims = new List<(UpstreamPath Path, string Container, string Address)>();
        foreach (var path in UpstreamPath.All)
        {
            var task = (await swarm.RunningAsync(path.Service).ConfigureAwait(false))[^1];
            victims.Add((path, task.ContainerId, (await swarm.InspectAsync(task.ContainerId).ConfigureAwait(false)).Address));
        }

        string[] addresses = [.. victims.Select(v => v.Address)];
        var counters = new List<(GatewayService Gateway, ConnectionCounters Counters)>();
        foreach (var gateway in gateways)
        {
            foreach (var task in await swarm.RunningAsync(gateway.Service).ConfigureAwait(false))
            {
                var counter = ConnectionCounters.InProcessNamespace((await swarm.InspectAsync(task.ContainerId).ConfigureAwait(false)).Pid, addresses);
                await counter.InstallAsync().ConfigureAwait(false);
                counters.Add((gateway, counter));
            }
        }

        try
        {
            return await WatchAsync(swarm, gateways, probes, clock, victims, counters).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (_, counter) in counters)
            {
                await counter.RemoveAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<KillResult> WatchAsync(
        Swarm swarm,
        IReadOnlyList<GatewayService> gateways,
        IReadOnlyDictionary<ProbeKey, Probe> probes,
        Stopwatch clock,
        List<(UpstreamPath Path, string Container, string Address)> victims,
        List<(GatewayService Gateway, ConnectionCounters Counters)> counters)
    {
        var start = clock.Elapsed;
        await Swarm.DockerAsync(["kill", .. victims.Select(v => v.Container)]).ConfigureAwait(false);
        await Task.Delay(Window - (clock.Elapsed - start)).ConfigureAwait(false);

        // Connections opened before the kill are the live task's ordinary traffic.
        var afterKill = (await OpenedAsync(victims, counters, clock).ConfigureAwait(false))
            .ToDictionary(o => o.Key, o => o.Value.Where(t => t >= start).Select(t => t - start).ToList());

        // A replacement task given a dead task's address would be counted as the dead one.
        var reused = new List<string>();
        foreach (var (path, _, address) in victims)
        {
            foreach (var task in await swarm.RunningAsync(path.Service).ConfigureAwait(false))
            {
                if ((await swarm.InspectAsync(task.ContainerId).ConfigureAwait(false)).Address == address)
                {
                    reused.Add($"{path.Service} {address}");
                }
            }
        }

        var failures = probes.ToDictionary(p => p.Key, p => p.Value.FailuresBetween(start, start + Window));
        foreach (var (key, probe) in probes)
        {
            foreach (var detail in probe.FailureDetails(start, start + Window))
            {
                Console.Error.WriteLine($"   failed after the kill, {probe.Name}: {detail}");
            }
        }

        return new KillResult(
            afterKill.ToDictionary(a => a.Key, a => a.Value.Count > 0 ? a.Value.Max() : (TimeSpan?)null),
            afterKill.ToDictionary(a => a.Key, a => (long)a.Value.Count),
            failures,
            reused);
    }

    /// <summary>When each connection to a dead address was opened (on <paramref name="clock"/>), over each gateway service's tasks.</summary>
    private static async Task<Dictionary<ProbeKey, List<TimeSpan>>> OpenedAsync(
        List<(UpstreamPath Path, string Container, string Address)> victims, List<(GatewayService Gateway, ConnectionCounters Counters)> counters, Stopwatch clock)
    {
        var opened = new Dictionary<ProbeKey, List<TimeSpan>>();
        foreach (var (gateway, counter) in counters)
        {
            var times = await counter.ReadAsync(clock).ConfigureAwait(false);
            for (var i = 0; i < victims.Count; i++)
            {
                var key = new ProbeKey(gateway, victims[i].Path);
                if (!opened.TryGetValue(key, out var all))
                {
                    opened[key] = all = [];
                }

                all.AddRange(times[i]);
            }
        }

        return opened;
    }
}

/// <summary>
/// Per probe: seconds from the kill to the last new connection to the dead task (null: none after the kill), how many
/// there were, the requests that failed, and any dead address a replacement task got.
/// </summary>
internal sealed record KillResult(
    IReadOnlyDictionary<ProbeKey, TimeSpan?> LastConnection,
    IReadOnlyDictionary<ProbeKey, long> Connections,
    IReadOnlyDictionary<ProbeKey, int> Failures,
    IReadOnlyList<string> ReusedAddresses);
