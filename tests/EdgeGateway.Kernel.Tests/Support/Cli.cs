using System.Diagnostics;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>Runs command-line tools that tests use to build topologies and look at what the kernel holds.</summary>
internal static class Cli
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var (code, output, error) = await TryRunAsync(file, args);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {error}{output}");
    }

    public static async Task<(int Code, string Output, string Error)> TryRunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>`ip` inside a namespace (-n), e.g. Ip("ns", "addr", "add", ...).</summary>
    public static Task<string> IpAsync(string ns, params string[] args) => RunAsync("ip", ["-n", ns, .. args]);

    public static Task<string> SysctlAsync(string ns, string key, string value) =>
        RunAsync("ip", "netns", "exec", ns, "sysctl", "-q", "-w", $"{key}={value}");

    /// <summary>`nft -j list table ip TABLE` in a namespace (handles included: they change when objects are recreated); null when absent.</summary>
    public static async Task<string?> NftListTableAsync(string ns, string table)
    {
        var (code, output, _) = await TryRunAsync("ip", "netns", "exec", ns, "nft", "-j", "list", "table", "ip", table);
        return code == 0 ? output : null;
    }

    public static Task<string> NftListRulesetAsync(string ns) => RunAsync("ip", "netns", "exec", ns, "nft", "list", "ruleset");

    /// <summary>The inode that identifies a named namespace (it outlives the name while anything still holds it).</summary>
    public static async Task<string> NamespaceInodeAsync(string ns) =>
        (await RunAsync("stat", "-L", "-c", "%i", "/var/run/netns/" + ns)).Trim();

    /// <summary>Threads (as /proc paths with their command) inside the namespace with this inode: what keeps it alive.</summary>
    public static Task<string> ThreadsInNamespaceAsync(string inode) =>
        RunAsync("bash", "-c", $"for f in /proc/[0-9]*/task/*/ns/net; do [ \"$(stat -L -c %i $f 2>/dev/null)\" = {inode} ] && echo $f $(cat ${{f%/ns/net}}/comm); done; true");

    public static bool Exists(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
