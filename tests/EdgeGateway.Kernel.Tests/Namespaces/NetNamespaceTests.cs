using EdgeGateway.Mesh.Linux.Interop;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Namespaces;

public class NetNamespaceTests
{
    private static string CurrentThreadNamespace() => new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? string.Empty;

    [Fact]
    public async Task RunAsync_InCreatedNamespace_RunsInThatNamespaceAndNotOnTheCaller()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("a");
        var here = CurrentThreadNamespace();

        var inside = await ns.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken);

        Assert.NotEqual(here, inside);
        Assert.Equal(here, CurrentThreadNamespace());
        Assert.Equal(inside, await ns.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_TwoNamespaces_AreDistinct()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var b = await scope.CreateNamespaceAsync("b");

        var inA = await a.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken);
        var inB = await b.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken);

        Assert.NotEqual(inA, inB);
    }

    [Fact]
    public async Task OpenPathAsync_NamespaceFile_EntersSameNamespaceAsByName()
    {
        await using var scope = new KernelTestScope();
        var byName = await scope.CreateNamespaceAsync("a");
        await using var byPath = await NetNamespace.OpenPathAsync(NetNamespaceName.PathOf(byName.Name));

        var viaPath = await byPath.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken);

        Assert.Equal(await byName.RunAsync(CurrentThreadNamespace, TestContext.Current.CancellationToken), viaPath);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_ExceptionReachesCaller()
    {
        await using var scope = new KernelTestScope();
        var ns = await scope.CreateNamespaceAsync("a");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ns.RunAsync<int>(() => throw new InvalidOperationException("boom"), TestContext.Current.CancellationToken));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task OpenAsync_MissingNamespace_ThrowsNamingThePath()
    {
        KernelTestScope.RequireRoot();

        var error = await Assert.ThrowsAsync<KernelCallException>(() => NetNamespace.OpenAsync("egt-missing-" + Guid.NewGuid().ToString("N")[..6]));

        Assert.Contains("/var/run/netns/egt-missing-", error.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_CreatedNamespace_RemovesFileAndIsIdempotent()
    {
        KernelTestScope.RequireRoot();
        var name = "egt" + Guid.NewGuid().ToString("N")[..6] + "d";
        await NetNamespaceStore.CreateAsync(name);
        Assert.True(NetNamespaceStore.Exists(name));
        Assert.False(await NetNamespaceStore.EnsureAsync(name));

        NetNamespaceStore.Delete(name);
        NetNamespaceStore.Delete(name);

        Assert.False(NetNamespaceStore.Exists(name));
    }
}
