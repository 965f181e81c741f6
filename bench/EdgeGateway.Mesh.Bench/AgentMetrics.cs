using System.Globalization;

namespace EdgeGateway.Mesh.Bench;

/// <summary>The agent's sync counters, read from its Prometheus endpoint.</summary>
internal sealed class AgentMetrics(Uri metrics) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Successful syncs so far and the seconds they took in total.</summary>
    public async Task<(double Syncs, double Seconds)> ReadAsync()
    {
        var text = await _http.GetStringAsync(metrics).ConfigureAwait(false);
        double syncs = 0, seconds = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("edge_agent_reconciles_total{", StringComparison.Ordinal) && line.Contains("result=\"ok\"", StringComparison.Ordinal))
            {
                syncs += Value(line);
            }
            else if (line.StartsWith("edge_agent_reconcile_duration_seconds_sum", StringComparison.Ordinal))
            {
                seconds = Value(line);
            }
        }

        return (syncs, seconds);
    }

    /// <summary>Polls until the agent has finished one more successful sync than <paramref name="before"/>; returns the new reading.</summary>
    public async Task<(double Syncs, double Seconds)> WaitForSyncAfterAsync((double Syncs, double Seconds) before, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = await ReadAsync().ConfigureAwait(false);
            if (now.Syncs > before.Syncs)
            {
                return now;
            }

            await Task.Delay(2).ConfigureAwait(false);
        }

        throw new TimeoutException($"edge-agent did not finish a sync within {timeout} ({metrics})");
    }

    public void Dispose() => _http.Dispose();

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
