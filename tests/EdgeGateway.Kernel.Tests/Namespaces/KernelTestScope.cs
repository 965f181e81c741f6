using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>
/// Unique names for what a kernel test creates (namespaces, links), removed again on dispose even when the test
/// failed. Skips the test loudly when it does not run as root.
/// </summary>
internal sealed class KernelTestScope : IAsyncDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<NetNamespace> _runners = [];

    public KernelTestScope()
    {
        RequireRoot();
        Prefix = "egt" + Guid.NewGuid().ToString("N")[..6];
    }

    /// <summary>Short unique prefix: link names must stay within 15 characters.</summary>
    public string Prefix { get; }

    public static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("SKIPPED: kernel tests need root (network namespaces, netlink writes)");
        }
    }

    public string Name(string suffix) => Prefix + suffix;

    /// <summary>Creates a fresh namespace named prefix+suffix and opens a runner in it; both go away on dispose.</summary>
    public async Task<NetNamespace> CreateNamespaceAsync(string suffix)
    {
        var name = Name(suffix);
        _namespaces.Add(name);
        await NetNamespaceStore.CreateAsync(name);
        var runner = await NetNamespace.OpenAsync(name);
        _runners.Add(runner);
        return runner;
    }

    public void TrackNamespace(string name) => _namespaces.Add(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _runners)
        {
            await runner.DisposeAsync();
        }

        foreach (var name in _namespaces)
        {
            NetNamespaceStore.Delete(name);
        }
    }
}
