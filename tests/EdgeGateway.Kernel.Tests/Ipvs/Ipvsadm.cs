namespace EdgeGateway.Kernel.Tests.Ipvs;

/// <summary>Reads a namespace's IPVS table with ipvsadm (an independent reader of what the kernel holds).</summary>
internal static class Ipvsadm
{
    /// <summary>`ipvsadm -Sn` inside the namespace: one line per service (-A) and destination (-a), sorted.</summary>
    public static async Task<List<string>> SaveAsync(string namespaceName)
    {
        if (!CommandRunner.IsInstalled("ipvsadm") || !CommandRunner.IsInstalled("nsenter"))
        {
            Assert.Skip("SKIPPED: ipvsadm or nsenter is not installed (tests/qemu/vm-image.sh installs them)");
        }

        var output = await CommandRunner.RunCheckedAsync("ipvsadm", ["-Sn"], CommandOptions.InNetworkNamespace(namespaceName), TestContext.Current.CancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
    }
}
