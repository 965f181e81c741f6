using System.Diagnostics;

namespace EdgeGateway.Kernel.Tests.Namespaces;

/// <summary>Runs iproute2's `ip -n NS ...` to read back what the kernel holds (an independent reader).</summary>
internal static class IpTool
{
    public static async Task<string> InNamespaceAsync(string namespaceName, params string[] arguments)
    {
        const string ip = "/usr/sbin/ip";
        if (!File.Exists(ip) && !File.Exists("/sbin/ip"))
        {
            Assert.Skip("SKIPPED: iproute2 is not installed (tests/lib/prepare-kernel.sh installs it)");
        }

        var start = new ProcessStartInfo(File.Exists(ip) ? ip : "/sbin/ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(namespaceName);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"ip {string.Join(' ', arguments)} failed: {error}");
        return output;
    }
}
