using System.Diagnostics;

namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>Reads a namespace's IPVS table with ipvsadm (an independent reader of what the kernel holds).</summary>
internal static class Ipvsadm
{
    /// <summary>`ipvsadm -Sn` inside the namespace: one line per service (-A) and destination (-a), sorted.</summary>
    public static async Task<List<string>> SaveAsync(string namespaceName)
    {
        if (!File.Exists("/usr/sbin/ipvsadm") || !File.Exists("/usr/bin/nsenter"))
        {
            Assert.Skip("SKIPPED: ipvsadm or nsenter is not installed (tests/qemu/vm-image.sh installs them)");
        }

        var start = new ProcessStartInfo("/usr/bin/nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--net=/var/run/netns/" + namespaceName, "/usr/sbin/ipvsadm", "-Sn" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, "ipvsadm -Sn failed: " + error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }
}
