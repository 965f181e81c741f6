namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>The command-line tools that tests use to build topologies and look at what the kernel holds.</summary>
internal static class Cli
{
    /// <summary>`ip` inside a namespace (-n), e.g. Ip("ns", "addr", "add", ...).</summary>
    public static Task<string> IpAsync(string ns, params string[] args)
    {
        if (!CommandRunner.IsInstalled("ip"))
        {
            Assert.Skip("SKIPPED: iproute2 is not installed (tests/lib/prepare-kernel.sh installs it)");
        }

        return CommandRunner.RunCheckedAsync("ip", ["-n", ns, .. args]);
    }

    public static Task<string> SysctlAsync(string ns, string key, string value) =>
        CommandRunner.RunCheckedAsync("sysctl", ["-q", "-w", $"{key}={value}"], CommandOptions.InNetworkNamespace(ns));

    /// <summary>`nft -j list table ip TABLE` in a namespace (handles included: they change when objects are recreated); null when absent.</summary>
    public static async Task<string?> NftListTableAsync(string ns, string table)
    {
        var result = await CommandRunner.RunAsync("nft", ["-j", "list", "table", "ip", table], CommandOptions.InNetworkNamespace(ns));
        return result.Succeeded ? result.Output : null;
    }

    public static Task<string> NftListRulesetAsync(string ns) =>
        CommandRunner.RunCheckedAsync("nft", ["list", "ruleset"], CommandOptions.InNetworkNamespace(ns));

    /// <summary>The inode that identifies a named namespace (it outlives the name while anything still holds it).</summary>
    public static async Task<string> NamespaceInodeAsync(string ns) =>
        (await CommandRunner.RunCheckedAsync("stat", ["-L", "-c", "%i", "/var/run/netns/" + ns])).Trim();

    /// <summary>Threads (as /proc paths with their command) inside the namespace with this inode: what keeps it alive.</summary>
    public static Task<string> ThreadsInNamespaceAsync(string inode) =>
        CommandRunner.RunCheckedAsync("bash", ["-c", $"for f in /proc/[0-9]*/task/*/ns/net; do [ \"$(stat -L -c %i $f 2>/dev/null)\" = {inode} ] && echo $f $(cat ${{f%/ns/net}}/comm); done; true"]);
}
