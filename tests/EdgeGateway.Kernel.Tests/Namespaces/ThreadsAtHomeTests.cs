using EdgeGateway.Kernel.Tests.Ipvs;

namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>
/// After the run's other tests (a collection of its own, not parallel, runs after the parallel ones): no thread of the
/// test process is left in a namespace a test entered. A runtime thread born in one (the socket engine, a pool worker)
/// would make every later socket and process of the run in there. Marked for the qemu VM too, so it also checks the
/// IPVS tests that only run in there.
/// </summary>
[Trait(IpvsKernel.TraitName, IpvsKernel.TraitValue)]
[Collection(ThreadsAtHomeGroup.Name)]
public sealed class ThreadsAtHomeTests
{
    [Fact]
    public void EveryThread_AfterTheOtherTests_IsInTheProcesssNamespace()
    {
        var home = NamespaceOf("/proc/self");
        var elsewhere = Directory.GetDirectories("/proc/self/task")
            .Select(task => (Thread: $"{Path.GetFileName(task)} ({ReadOrGone(Path.Combine(task, "comm"))})", Namespace: NamespaceOf(task)))
            .Where(thread => thread.Namespace is not null && thread.Namespace != home)
            .ToList();

        Assert.True(elsewhere.Count == 0, $"threads outside {home}: {string.Join(", ", elsewhere)}");
    }

    private static string? NamespaceOf(string process) => new FileInfo(Path.Combine(process, "ns", "net")).LinkTarget;

    // A thread may end between the listing and the reading.
    private static string ReadOrGone(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "ended";
        }
    }
}
