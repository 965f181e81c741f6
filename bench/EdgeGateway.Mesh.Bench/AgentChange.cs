using System.Diagnostics;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// `agent-change`: against a running `edge-agent run` (this process runs in the agent's node namespace, so its admin
/// port is on 127.0.0.1): the state file grows from "web" alone to SERVICES x TASKS more (time until the agent's
/// sync finished), then one task at a time is set to stopping and back. For each change: time from the state file's
/// rename to the changed chain's rule event in the sandbox's kernel (`nft monitor`), and the agent's own sync time.
/// </summary>
internal static class AgentChange
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(StateFiles states, string stateFile, string sandbox, Uri metricsUrl, int changes)
    {
        using var metrics = new AgentMetrics(metricsUrl);
        var full = states.Render();
        var drainedTask = (states.Services / 2, states.Tasks / 2);
        var drained = states.Render(drainedTask);

        var before = await metrics.ReadAsync().ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await StateFiles.WriteAsync(stateFile, full).ConfigureAwait(false);
        var after = await metrics.WaitForSyncAfterAsync(before, Timeout).ConfigureAwait(false);
        Timing.Report(
            "agent-full",
            ("services", states.Services),
            ("tasks", states.Tasks),
            ("file_to_synced_ms", watch.Elapsed.TotalMilliseconds),
            ("sync_ms", (after.Seconds - before.Seconds) * 1000));

        using var monitor = await KernelMonitor.StartAsync(sandbox).ConfigureAwait(false);
        var toKernel = new List<double>();
        var syncs = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            monitor.Clear();
            before = await metrics.ReadAsync().ConfigureAwait(false);
            watch.Restart();
            await StateFiles.WriteAsync(stateFile, i % 2 == 0 ? drained : full).ConfigureAwait(false);
            await monitor.WaitForAsync(ScalePlans.ServiceName(drainedTask.Item1) + "/", Timeout).ConfigureAwait(false);
            toKernel.Add(watch.Elapsed.TotalMilliseconds);
            after = await metrics.WaitForSyncAfterAsync(before, Timeout).ConfigureAwait(false);
            syncs.Add((after.Seconds - before.Seconds) * 1000);
            await Task.Delay(300).ConfigureAwait(false);
        }

        var (median, p90, max) = Timing.Summary(toKernel);
        var (syncMedian, _, syncMax) = Timing.Summary(syncs);
        Timing.Report(
            "agent-task-change",
            ("changes", changes),
            ("file_to_kernel_median_ms", median),
            ("file_to_kernel_p90_ms", p90),
            ("file_to_kernel_max_ms", max),
            ("sync_median_ms", syncMedian),
            ("sync_max_ms", syncMax));
    }
}
