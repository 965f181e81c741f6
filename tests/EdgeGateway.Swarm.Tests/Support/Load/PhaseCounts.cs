namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>The counts of one phase of load (or of the whole run), row by row.</summary>
public sealed record PhaseCounts(string Name, IReadOnlyDictionary<LoadRow, RowCounts> Rows)
{
    public long Sent => Rows.Values.Sum(r => r.Sent);

    public long Failed => Rows.Values.Sum(r => r.Failed);

    /// <summary>Failed requests of the rows that match.</summary>
    public long FailedWhere(Func<LoadRow, bool> rows) => Rows.Where(r => rows(r.Key)).Sum(r => r.Value.Failed);

    /// <summary>Sent requests of the rows that match.</summary>
    public long SentWhere(Func<LoadRow, bool> rows) => Rows.Where(r => rows(r.Key)).Sum(r => r.Value.Sent);

    /// <summary>Every failed request of the rows that match.</summary>
    public IEnumerable<LoadRequest> FailedRequestsWhere(Func<LoadRow, bool> rows) => Rows.Where(r => rows(r.Key)).SelectMany(r => r.Value.FailedRequests);

    /// <summary>The first failures' details over every row, for an assertion message.</summary>
    public IEnumerable<string> Samples => Rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
        .SelectMany(r => r.Value.Samples.Select(s => $"{r.Key.Method} {r.Key.Path} {r.Key.Node}: {s}"));
}
