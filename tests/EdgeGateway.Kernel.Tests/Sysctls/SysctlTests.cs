using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Mesh.Linux.Sysctls;

namespace EdgeGateway.Kernel.Tests.Sysctls;

public class SysctlTests
{
    [Fact]
    public async Task TryWrite_InNamespace_ChangesOnlyThatNamespace()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");
        var b = await scope.CreateNamespaceAsync("b");

        var before = await b.RunAsync(() => Sysctl.TryRead("net.ipv4.ip_forward"), TestContext.Current.CancellationToken);
        var flipped = before == "1" ? "0" : "1";

        var written = await a.RunAsync(() => Sysctl.TryWrite("net.ipv4.ip_forward", flipped), TestContext.Current.CancellationToken);

        Assert.True(written);
        Assert.Equal(flipped, await a.RunAsync(() => Sysctl.TryRead("net.ipv4.ip_forward"), TestContext.Current.CancellationToken));
        Assert.Equal(before, await b.RunAsync(() => Sysctl.TryRead("net.ipv4.ip_forward"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Apply_KeyMissingOnKernel_IsSkippedAndReported()
    {
        await using var scope = new KernelTestScope();
        var a = await scope.CreateNamespaceAsync("a");

        var skipped = await a.RunAsync(() => MeshSysctls.Apply([new("net.ipv4.no_such_key_here", "1"), new("net.ipv4.ip_forward", "1")]), TestContext.Current.CancellationToken);

        Assert.Equal(["net.ipv4.no_such_key_here"], skipped);
    }
}
