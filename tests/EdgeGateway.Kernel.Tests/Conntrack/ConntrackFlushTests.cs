using System.Net;
using EdgeGateway.Kernel.Tests.Namespaces;
using EdgeGateway.Kernel.Tests.Support;
using EdgeGateway.Mesh.Linux.Conntrack;
using EdgeGateway.Mesh.Linux.Namespaces;

namespace EdgeGateway.Kernel.Tests.Conntrack;

/// <summary>
/// Real conntrack entries in a test namespace (inserted with the conntrack tool, as a balancer's DNAT leaves them:
/// the reply comes from the backend), deleted through ctnetlink by the backend that answers them.
/// </summary>
public class ConntrackFlushTests
{
    private const string DeadBackend = "10.9.0.7";
    private const string LiveBackend = "10.9.0.8";

    [Fact]
    public async Task DeleteAnsweredByAsync_EntriesOfTwoBackends_OnlyTheDeadBackendsGo()
    {
        await using var scope = new KernelTestScope();
        RequireConntrackTool();
        var ns = await scope.CreateNamespaceAsync("ct");
        var name = scope.Name("ct");
        await InsertAsync(name, "tcp", 40001, DeadBackend, "--state", "SYN_SENT");
        await InsertAsync(name, "tcp", 40002, DeadBackend, "--state", "ESTABLISHED");
        await InsertAsync(name, "udp", 40003, DeadBackend, "--zone", "5");
        await InsertAsync(name, "tcp", 40004, LiveBackend, "--state", "SYN_SENT");
        await InsertAsync(name, "tcp", 40005, LiveBackend, "--state", "ESTABLISHED");

        var deleted = await ConntrackFlush.DeleteAnsweredByAsync(ns, [IPAddress.Parse(DeadBackend)], TestContext.Current.CancellationToken);

        var left = await ListAsync(name);
        Assert.Equal(3, deleted);
        Assert.DoesNotContain($"src={DeadBackend}", left, StringComparison.Ordinal);
        Assert.Contains("sport=40004", left, StringComparison.Ordinal);
        Assert.Contains("sport=40005", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAnsweredByAsync_NoEntryOfTheBackend_DeletesNothing()
    {
        await using var scope = new KernelTestScope();
        RequireConntrackTool();
        var ns = await scope.CreateNamespaceAsync("ct");
        await InsertAsync(scope.Name("ct"), "tcp", 40004, LiveBackend, "--state", "ESTABLISHED");

        var deleted = await ConntrackFlush.DeleteAnsweredByAsync(ns, [IPAddress.Parse(DeadBackend)], TestContext.Current.CancellationToken);

        Assert.Equal(0, deleted);
        Assert.Contains("sport=40004", await ListAsync(scope.Name("ct")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ClientPortReusedMeanwhile_TheNewEntryOfALiveBackendStays()
    {
        // Between a dump and its deletes, a SYN from a reused client port makes conntrack replace the dead backend's
        // closed entry with a new one of the same original tuple, balanced to a live backend; the kernel may even give
        // it the same id (it hashes the reused object's address and the original tuple).
        await using var scope = new KernelTestScope();
        RequireConntrackTool();
        var ns = await scope.CreateNamespaceAsync("ct");
        var name = scope.Name("ct");
        await InsertAsync(name, "tcp", 40001, DeadBackend, "--state", "TIME_WAIT");
        var dumped = (await WithClientAsync(ns, c => c.DumpIpv4())).Single();
        await CommandRunner.RunCheckedAsync("conntrack", ["-D", "-p", "tcp", "--sport", "40001"], CommandOptions.InNetworkNamespace(name), TestContext.Current.CancellationToken);
        await InsertAsync(name, "tcp", 40001, LiveBackend, "--state", "SYN_SENT");
        var replacement = (await WithClientAsync(ns, c => c.DumpIpv4())).Single();
        var stale = dumped with { Id = replacement.Id };

        var deleted = await WithClientAsync(ns, c => c.Delete(stale));

        Assert.False(deleted);
        Assert.Contains($"src={LiveBackend}", await ListAsync(name), StringComparison.Ordinal);
    }

    private static Task<T> WithClientAsync<T>(NetNamespace ns, Func<ConntrackClient, T> work) => ns.RunAsync(() =>
    {
        using var client = ConntrackClient.Open();
        return work(client);
    }, TestContext.Current.CancellationToken);

    private static void RequireConntrackTool()
    {
        if (!CommandRunner.IsInstalled("conntrack"))
        {
            Assert.Skip("SKIPPED: the conntrack tool is missing (tests/lib/prepare-kernel.sh installs it)");
        }
    }

    /// <summary>A client 10.9.0.1:port -> frontend 10.9.0.2:80, DNATed to backend:8080 (reply backend -> client).</summary>
    private static Task<string> InsertAsync(string ns, string protocol, int clientPort, string backend, params string[] more) =>
        CommandRunner.RunCheckedAsync("conntrack", [
            "-I", "-p", protocol, "-s", "10.9.0.1", "-d", "10.9.0.2",
            "--sport", $"{clientPort}", "--dport", "80", "-r", backend, "-q", "10.9.0.1",
            "--reply-port-src", "8080", "--reply-port-dst", $"{clientPort}", "-t", "60", .. more], CommandOptions.InNetworkNamespace(ns));

    private static Task<string> ListAsync(string ns) => CommandRunner.RunCheckedAsync("conntrack", ["-L"], CommandOptions.InNetworkNamespace(ns));
}
