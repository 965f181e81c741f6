using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Kernel.Tests.Nftables;

/// <summary>libnftables itself, inside a namespace of the test's own.</summary>
public sealed class NftablesContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_CommandKernelRejects_ThrowsWithNftsOwnMessage()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("ctx");

        var error = await Assert.ThrowsAsync<NftablesException>(() => ns.RunAsync(() =>
        {
            using var context = new NftablesContext();
            return context.Run("add table ip edge_test\nadd rule ip edge_test no-such-chain accept\n");
        }, Ct));

        Assert.StartsWith("nftables rejected the transaction (rc -1): Error: Could not process rule: No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsNotFound);
        Assert.Equal(string.Empty, await ns.RunAsync(() =>
        {
            using var context = new NftablesContext();
            return context.Run("list ruleset");
        }, Ct));
    }

    [Fact]
    public async Task Run_ListWithJsonOutput_ReturnsNftJson()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("ctx");

        var json = await ns.RunAsync(() =>
        {
            using var context = new NftablesContext();
            context.Run("add table ip edge_test\n");
            return context.Run("list table ip edge_test", jsonOutput: true);
        }, Ct);

        Assert.StartsWith("{\"nftables\": [{\"metainfo\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"edge_test\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OneContextManyBatches_EachReturnsOnlyItsOwnOutputAndSeesTheOthersChanges()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("ctx");

        var (first, rejected, rejectedAgain, text, json) = await ns.RunAsync(() =>
        {
            using var context = new NftablesContext();
            var first = context.Run("add table ip edge_test\nadd chain ip edge_test c\n");
            var rejected = Assert.Throws<NftablesException>(() => context.Run("add rule ip edge_test no-such-chain accept\n"));
            var rejectedAgain = Assert.Throws<NftablesException>(() => context.Run("add rule ip edge_test no-such-chain accept\n"));
            context.Run("add rule ip edge_test c accept\n");
            var text = context.Run("list chain ip edge_test c");
            var json = context.Run("list chain ip edge_test c", jsonOutput: true);
            return (first, rejected, rejectedAgain, text, json);
        }, Ct);

        Assert.Equal(string.Empty, first);
        Assert.Equal(rejected.Message, rejectedAgain.Message);
        Assert.Equal("table ip edge_test {\n\tchain c {\n\t\taccept\n\t}\n}\n", text);
        Assert.StartsWith("{\"nftables\": [{\"metainfo\"", json, StringComparison.Ordinal);
        Assert.Contains("\"accept\": null", json, StringComparison.Ordinal);
    }
}
