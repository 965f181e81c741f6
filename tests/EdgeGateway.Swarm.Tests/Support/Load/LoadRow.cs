namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>One line of a load table: requests of one method, to one path, on one node, over one kind of connection.</summary>
public sealed record LoadRow(string Method, string Path, string Node, ConnectionMode Connection)
{
    public static LoadRow For(LoadTarget target, ConnectionMode connection) =>
        new(target.Method.Method, target.Url.AbsolutePath, target.Node, connection);
}

/// <summary>What one row counted: requests sent, failures by table column, the first failures' details, and every failed request.</summary>
public sealed record RowCounts(long Sent, IReadOnlyDictionary<string, long> Failures, IReadOnlyList<string> Samples, IReadOnlyList<LoadRequest> FailedRequests)
{
    public long Failed => Failures.Values.Sum();
}
