using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// `scale`: the real nftables balancer dataplane in the current network namespace (run under `ip netns exec`):
/// a plan of SERVICES x TASKS applied from empty, then single-task changes (drain one task, put it back), then a
/// restart's adoption of the whole table. Each change is split into the libnftables batch (libnftables and the
/// kernel) and the rest (the dataplane's own diffing and rendering). Leaves the table in place; the namespace's owner
/// removes it.
/// </summary>
internal static class DataplaneScale
{
    public static async Task RunAsync(int services, int tasks, int changes)
    {
        var full = ScalePlans.Build(services, tasks);
        var drainedTask = (services / 2, tasks / 2);
        var drained = ScalePlans.Build(services, tasks, drained: drainedTask);

        var runner = new TimedRunner(new LibNftablesRunner());
        await using var dataplane = new NftablesBalancerDataplane(runner, ConntrackTable.Reader(invoke: null));
        await dataplane.AdoptAsync(CancellationToken.None).ConfigureAwait(false);
        var (operations, fullMs) = await Timing.TimeAsync(() => dataplane.ApplyAsync(full, CancellationToken.None)).ConfigureAwait(false);
        Timing.Report("full-apply", ("services", services), ("tasks", tasks), ("operations", operations), ("ms", fullMs));

        var times = new List<double>();
        var batches = new List<double>();
        var cpu = new List<double>();
        var changeOperations = 0;
        for (var i = 0; i < changes; i++)
        {
            var next = i % 2 == 0 ? drained : full;
            (changeOperations, var ms, var cpuMs) = await Timing.TimeWithCpuAsync(() => dataplane.ApplyAsync(next, CancellationToken.None)).ConfigureAwait(false);
            times.Add(ms);
            batches.Add(runner.LastMs);
            cpu.Add(cpuMs);
        }

        var (median, p90, max) = Timing.Summary(times);
        var (batchMedian, _, batchMax) = Timing.Summary(batches);
        var (ownMedian, _, ownMax) = Timing.Summary([.. times.Zip(batches, (t, b) => t - b)]);

        // CPU time does not grow with other work on the machine the way wall-clock time does
        var (cpuMedian, _, cpuMax) = Timing.Summary(cpu);
        Timing.Report(
            "task-change",
            ("changes", changes),
            ("operations", changeOperations),
            ("median_ms", median),
            ("p90_ms", p90),
            ("max_ms", max),
            ("libnftables_median_ms", batchMedian),
            ("libnftables_max_ms", batchMax),
            ("dataplane_median_ms", ownMedian),
            ("dataplane_max_ms", ownMax),
            ("cpu_median_ms", cpuMedian),
            ("cpu_max_ms", cpuMax));

        // An equal plan built anew (as the agent plans every state afresh) with nothing to change: the dataplane's own
        // diffing, without any kernel call.
        times.Clear();
        foreach (var equal in Enumerable.Range(0, changes).Select(_ => ScalePlans.Build(services, tasks)).ToList())
        {
            times.Add((await Timing.TimeAsync(() => dataplane.ApplyAsync(equal, CancellationToken.None)).ConfigureAwait(false)).Ms);
        }

        (median, p90, max) = Timing.Summary(times);
        Timing.Report("no-change", ("changes", changes), ("median_ms", median), ("p90_ms", p90), ("max_ms", max));

        await using var restarted = NftablesDataplanes.CreateBalancer();
        var (status, adoptMs) = await Timing.TimeAsync(() => restarted.AdoptAsync(CancellationToken.None)).ConfigureAwait(false);
        var (reapplied, reapplyMs) = await Timing.TimeAsync(() => restarted.ApplyAsync(full, CancellationToken.None)).ConfigureAwait(false);
        var (afterAdopt, afterAdoptMs) = await Timing.TimeAsync(() => restarted.ApplyAsync(drained, CancellationToken.None)).ConfigureAwait(false);
        Timing.Report(
            "adopt",
            ("frontends", status.Frontends.Length),
            ("adopt_ms", adoptMs),
            ("reapply_operations", reapplied),
            ("reapply_ms", reapplyMs),
            ("next_change_operations", afterAdopt),
            ("next_change_ms", afterAdoptMs));
    }
}
