using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Linux.Nftables;

namespace EdgeGateway.Kernel.Tests.Nftables;

/// <summary>The runner's one long-lived libnftables context, used through a namespace's thread.</summary>
public sealed class LibNftablesRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyAsync_ManyBatchesThroughNamespaceThread_AllLandInThatNamespaceOnly()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("run");
        var other = await scope.CreateNamespaceAsync("oth");
        await using var runner = new LibNftablesRunner(ns.RunAsync);

        await runner.ApplyAsync("add table ip edge_runner\nadd chain ip edge_runner c\n", Ct);
        for (var i = 0; i < 20; i++)
        {
            await runner.ApplyAsync("flush chain ip edge_runner c\nadd rule ip edge_runner c accept\n", Ct);
        }

        var json = await runner.ListJsonAsync("list table ip edge_runner", Ct);

        Assert.Contains("\"name\": \"edge_runner\"", json, StringComparison.Ordinal);
        Assert.Equal(1, CountOf("\"accept\": null", await Cli.NftListTableAsync(ns.Name, "edge_runner") ?? string.Empty));
        Assert.Equal(string.Empty, (await Cli.NftListRulesetAsync(other.Name)).Trim());
    }

    [Fact]
    public async Task ApplyAsync_AfterRejectedBatch_NextBatchApplies()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("run");
        await using var runner = new LibNftablesRunner(ns.RunAsync);

        await Assert.ThrowsAsync<NftablesException>(() => runner.ApplyAsync("add table ip edge_runner\nadd rule ip edge_runner nowhere accept\n", Ct));
        await runner.ApplyAsync("add table ip edge_runner\n", Ct);

        Assert.Equal("table ip edge_runner {\n}", (await Cli.NftListRulesetAsync(ns.Name)).Trim());
    }

    [Fact]
    public async Task DisposeAsync_AfterUse_FurtherBatchesRefused()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("run");
        var runner = new LibNftablesRunner(ns.RunAsync);
        await runner.ApplyAsync("add table ip edge_runner\n", Ct);

        await runner.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.ApplyAsync("add table ip edge_other\n", Ct));
    }

    [Fact]
    public async Task DisposeAsync_NamespaceThreadGoneAlready_ReleasesWithoutError()
    {
        await using var scope = new KernelTestScope();
        await scope.CreateNamespaceAsync("run");
        var ns = await NetNamespace.OpenAsync(scope.Name("run"));
        var runner = new LibNftablesRunner(ns.RunAsync);
        await runner.ApplyAsync("add table ip edge_runner\n", Ct);
        await ns.DisposeAsync();

        await runner.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.ApplyAsync("add table ip edge_other\n", Ct));
    }

    private static int CountOf(string text, string @in) => (@in.Length - @in.Replace(text, string.Empty, StringComparison.Ordinal).Length) / text.Length;
}
