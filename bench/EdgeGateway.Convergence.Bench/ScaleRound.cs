using System.Diagnostics;

namespace EdgeGateway.Convergence.Bench;

/// <summary>
/// `docker service scale` of both upstreams by one task: when swarm saw the new task running (its task status
/// timestamp), and when it first answered through each probe, counted from the scale command.
/// </summary>
internal static class ScaleRound
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task<ScaleResult> RunAsync(Swarm swarm, IReadOnlyDictionary<ProbeKey, Probe> probes, Stopwatch clock, int from)
    {
        var before = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in UpstreamPath.All)
        {
            before[path.Service] = [.. (await swarm.RunningAsync(path.Service).ConfigureAwait(false)).Select(t => t.Hostname)];
        }

        var start = clock.Elapsed;
        var startedAt = DateTimeOffset.UtcNow;
        await swarm.ScaleAsync(from + 1, [.. UpstreamPath.All.Select(p => p.Service)]).ConfigureAwait(false);
        var added = new Dictionary<string, (string Hostname, TimeSpan Running)>(StringComparer.Ordinal);
        var first = new Dictionary<ProbeKey, TimeSpan>();
        while (clock.Elapsed - start < Deadline && (added.Count < UpstreamPath.All.Count || first.Count < probes.Count))
        {
            foreach (var path in UpstreamPath.All.Where(p => !added.ContainsKey(p.Service)))
            {
                if ((await swarm.RunningAsync(path.Service).ConfigureAwait(false)).FirstOrDefault(t => !before[path.Service].Contains(t.Hostname)) is { } task)
                {
                    added[path.Service] = (task.Hostname, task.Since - startedAt);
                }
            }

            foreach (var (key, probe) in probes.Where(p => !first.ContainsKey(p.Key)))
            {
                // The probe may have seen the new task before the poll of `docker service ps` noticed it.
                if (added.TryGetValue(key.Path.Service, out var task) && probe.FirstSeen(task.Hostname) is { } seen)
                {
                    first[key] = seen - start;
                }
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        foreach (var (key, probe) in probes.Where(p => !first.ContainsKey(p.Key)))
        {
            Console.Error.WriteLine($"   {probe.Name}: no answer from the new task {(added.TryGetValue(key.Path.Service, out var t) ? t.Hostname : "(not running)")} within {Deadline.TotalSeconds} s; answered: {string.Join(' ', probe.Hostnames)}");
        }

        return new ScaleResult(added.ToDictionary(a => a.Key, a => a.Value.Running, StringComparer.Ordinal), first);
    }
}

/// <summary>Seconds from the scale command to the new task running, per service, and to its first answer, per probe.</summary>
internal sealed record ScaleResult(IReadOnlyDictionary<string, TimeSpan> Running, IReadOnlyDictionary<ProbeKey, TimeSpan> FirstAnswer);
