using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public sealed class NftablesPublishedPortDnatTests : IAsyncDisposable
{
    private readonly RecordingRunner _runner = new();
    private int _loopbackPrepared;

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    [Fact]
    public async Task ApplyAsync_KernelHoldsSame_AdoptsAndEmitsNothing()
    {
        _runner.ListJson = Fixtures.IngressTwo;
        await using var dnat = Create();

        var ops = await dnat.ApplyAsync(PublishedPortTableTests.Two, TestContext.Current.CancellationToken);

        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
    }

    [Fact]
    public async Task ApplyAsync_NoTable_FullThenIncremental()
    {
        await using var dnat = Create();

        var first = await dnat.ApplyAsync(PublishedPortTableTests.Two, TestContext.Current.CancellationToken);
        var second = await dnat.ApplyAsync(PublishedPortTableTests.Two.RemoveAt(1), TestContext.Current.CancellationToken);

        Assert.Equal(12, first);
        Assert.Equal(1, second);
        Assert.Equal("delete element ip edge_ingress published { udp . 5353 }\n", _runner.Last);
        Assert.Equal(2, _loopbackPrepared);
    }

    [Fact]
    public async Task ApplyAsync_AfterRejectedTransaction_NextApplyIsFull()
    {
        await using var dnat = Create();
        await dnat.ApplyAsync(PublishedPortTableTests.Two, TestContext.Current.CancellationToken);
        _runner.RejectNext = true;

        await Assert.ThrowsAsync<NftablesException>(() => dnat.ApplyAsync([], TestContext.Current.CancellationToken));
        var ops = await dnat.ApplyAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(10, ops);
        Assert.StartsWith("add table ip edge_ingress\ndelete table ip edge_ingress\n", _runner.Last, StringComparison.Ordinal);
    }

    private NftablesPublishedPortDnat Create() => new(_runner, _ =>
    {
        _loopbackPrepared++;
        return Task.CompletedTask;
    });
}
