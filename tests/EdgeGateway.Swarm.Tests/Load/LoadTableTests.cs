using EdgeGateway.Swarm.Tests.Support.Load;

namespace EdgeGateway.Swarm.Tests.Load;

public sealed class LoadTableTests
{
    [Fact]
    public void Render_RowsWithAndWithoutFailures_AlignedTableWithStatusColumnsTotalsAndDetails()
    {
        var counts = new LoadCounts();
        var get = new LoadRow("GET", "/", "node1", ConnectionMode.KeepAlive);
        var post = new LoadRow("POST", "/dnsrr/", "node2", ConnectionMode.NewConnection);
        for (var i = 0; i < 120; i++)
        {
            counts.Record(new LoadRequest(get, 0, 0, null));
        }

        counts.Record(new LoadRequest(post, 0, 0, null));
        counts.Record(new LoadRequest(post, 0, 0, new Failure(FailureKind.Reset, null, "connection reset")));
        counts.Record(new LoadRequest(post, 0, 0, new Failure(FailureKind.Status, 502, "bad gateway")));

        var table = LoadTable.Render(counts.EndPhase("docker kill gateway task"));

        Assert.Equal(
            """
            phase 'docker kill gateway task': 123 sent, 2 failed
            method  path     node   connections  sent  failed  connection  reset  timeout  other  502
            GET     /        node1  keep-alive    120       0           0      0        0      0    0
            POST    /dnsrr/  node2  new             3       2           0      1        0      0    1
            all                                   123       2           0      1        0      0    1
              POST /dnsrr/ node2: reset: connection reset
              POST /dnsrr/ node2: 502: bad gateway

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            table);
    }

    [Fact]
    public void Render_NoRequests_HeaderAndZeroTotal()
    {
        var table = LoadTable.Render(new LoadCounts().EndPhase("idle"));

        Assert.StartsWith("phase 'idle': 0 sent, 0 failed\n", table, StringComparison.Ordinal);
        Assert.Equal(
            ["method  path  node  connections  sent  failed  connection  reset  timeout  other", "all                                 0       0           0      0        0      0"],
            table.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);
    }
}
