using System.Collections.Immutable;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public class MirroredTableTests
{
    private readonly RecordingRunner _runner = new();

    [Theory]
    [InlineData(true, 0, 0)]
    [InlineData(false, 12, 1)]
    public async Task ApplyAsync_KernelHoldsSame_AdoptsOnlyWhenAskedToOnFirstApply(bool adoptOnFirstApply, int expectedOps, int expectedBatches)
    {
        _runner.ListJson = Fixtures.IngressTwo;
        using var table = Create(adoptOnFirstApply);

        var ops = await table.ApplyAsync(Two, prepare: null, TestContext.Current.CancellationToken);

        Assert.Equal(expectedOps, ops);
        Assert.Equal(expectedBatches, _runner.Batches.Count);
    }

    [Fact]
    public async Task AdoptAsync_KernelHoldsSame_ReturnsContentAndApplyEmitsNothing()
    {
        _runner.ListJson = Fixtures.IngressTwo;
        using var table = Create(adoptOnFirstApply: false);

        var adopted = await table.AdoptAsync(TestContext.Current.CancellationToken);
        var ops = await table.ApplyAsync(Two, prepare: null, TestContext.Current.CancellationToken);

        Assert.Equal(Two, adopted);
        Assert.Equal(0, ops);
        Assert.Empty(_runner.Batches);
    }

    [Fact]
    public async Task ApplyAsync_WithPrepare_PreparesBeforeTheTransaction()
    {
        using var table = Create(adoptOnFirstApply: true);
        var batchesWhenPrepared = -1;

        await table.ApplyAsync(Two, _ =>
        {
            batchesWhenPrepared = _runner.Batches.Count;
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, batchesWhenPrepared);
        Assert.Single(_runner.Batches);
    }

    [Fact]
    public async Task ReadAsync_NoTable_Null()
    {
        using var table = Create(adoptOnFirstApply: true);

        Assert.Null(await table.ReadAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RemoveAsync_AfterApply_DeletesTableAndNextApplyIsFull()
    {
        using var table = Create(adoptOnFirstApply: true);
        await table.ApplyAsync(Two, prepare: null, TestContext.Current.CancellationToken);

        await table.RemoveAsync(TestContext.Current.CancellationToken);
        var removal = _runner.Last;
        var ops = await table.ApplyAsync(Two, prepare: null, TestContext.Current.CancellationToken);

        Assert.Equal("add table ip edge_ingress\ndelete table ip edge_ingress\n", removal);
        Assert.Equal(12, ops);
    }

    private static ImmutableDictionary<(L4Protocol, int), PublishedPortDnat> Two => PublishedPortTable.Index(PublishedPortTableTests.Two);

    private MirroredTable<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>> Create(bool adoptOnFirstApply) =>
        new(_runner, PublishedPortTable.Layout, adoptOnFirstApply);
}
