using System.Collections.Immutable;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Tests.Nftables;

public sealed class MirroredTableTests : IAsyncDisposable
{
    private readonly RecordingRunner _runner = new();

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

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
    public async Task ApplyAsync_TargetFromMirror_GetsNullWhenUnknownThenWhatWasApplied()
    {
        using var table = Create(adoptOnFirstApply: true);
        var seen = new List<ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>?>();
        var applied = Two;

        await table.ApplyAsync(mirror => { seen.Add(mirror); return applied; }, prepare: null, TestContext.Current.CancellationToken);
        await table.ApplyAsync(mirror => { seen.Add(mirror); return Two; }, prepare: null, TestContext.Current.CancellationToken);

        Assert.Equal(2, seen.Count);
        Assert.Null(seen[0]);
        Assert.Same(applied, seen[1]);
    }

    [Fact]
    public async Task ApplyAsync_KernelHoldsTargetAlready_TargetBecomesTheMirror()
    {
        // an equal target that is a new instance (e.g. a ruleset carrying the plan it came from) must be kept, so that
        // the next apply derives from it
        _runner.ListJson = Fixtures.IngressTwo;
        using var table = Create(adoptOnFirstApply: true);
        var target = Two;
        ImmutableDictionary<(L4Protocol, int), PublishedPortDnat>? mirrorOnNextApply = null;

        var ops = await table.ApplyAsync(target, prepare: null, TestContext.Current.CancellationToken);
        await table.ApplyAsync(mirror => { mirrorOnNextApply = mirror; return Two; }, prepare: null, TestContext.Current.CancellationToken);

        Assert.Equal(0, ops);
        Assert.Same(target, mirrorOnNextApply);
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
