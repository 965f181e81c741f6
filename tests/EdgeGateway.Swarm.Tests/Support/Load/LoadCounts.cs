namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>
/// Thread-safe counters of sent and failed requests per row, for the current phase and for the whole run. A phase
/// ends when its counts are taken; the requests that finish afterwards count in the next one.
/// </summary>
public sealed class LoadCounts
{
    private const int SamplesPerRow = 3;
    private readonly Lock _lock = new();
    private Dictionary<LoadRow, Tally> _phase = [];
    private readonly Dictionary<LoadRow, Tally> _total = [];

    public void Record(LoadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            Add(_phase, request);
            Add(_total, request);
        }
    }

    /// <summary>The counts since the previous phase ended, under the given name; the next phase starts from zero.</summary>
    public PhaseCounts EndPhase(string name)
    {
        lock (_lock)
        {
            var ended = _phase;
            _phase = [];
            return Snapshot(name, ended);
        }
    }

    /// <summary>Everything counted so far.</summary>
    public PhaseCounts Total(string name)
    {
        lock (_lock)
        {
            return Snapshot(name, _total);
        }
    }

    private static void Add(Dictionary<LoadRow, Tally> rows, LoadRequest request)
    {
        if (!rows.TryGetValue(request.Row, out var tally))
        {
            rows[request.Row] = tally = new Tally();
        }

        tally.Sent++;
        if (request.Failure is not { } failure)
        {
            return;
        }

        tally.Failed.Add(request);
        tally.Failures[failure.Column] = tally.Failures.GetValueOrDefault(failure.Column) + 1;
        if (tally.Samples.Count < SamplesPerRow)
        {
            tally.Samples.Add($"{failure.Column}: {failure.Detail}");
        }
    }

    private static PhaseCounts Snapshot(string name, Dictionary<LoadRow, Tally> rows) =>
        new(name, rows.ToDictionary(r => r.Key, r => new RowCounts(r.Value.Sent, new Dictionary<string, long>(r.Value.Failures), [.. r.Value.Samples], [.. r.Value.Failed])));

    private sealed class Tally
    {
        public long Sent { get; set; }

        public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

        public List<string> Samples { get; } = [];

        public List<LoadRequest> Failed { get; } = [];
    }
}
