namespace EdgeGateway.Swarm.Tests.Support;

/// <summary>
/// A GET to a service's VIP from inside a container on the stack's network (a gateway task), with busybox wget:
/// every probe is a new connection, so the VIP balancing in that container's namespace picks a task each time.
/// The URL names the VIP's address: name lookups in a static busybox are not dependable.
/// </summary>
public static class VipProbe
{
    public static async Task<string?> HostnameAsync(string container, string url)
    {
        // (no wget -T: Debian's static busybox crashes with it; the process timeout bounds the probe instead)
        var result = await Processes.RunAsync("docker", ["exec", container, "/usr/local/bin/busybox", "wget", "-q", "-O", "-", url], timeout: TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        return result.ExitCode != 0 ? null
            : result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Hostname: ", StringComparison.Ordinal))?["Hostname: ".Length..];
    }

    /// <summary>Probes until every expected hostname answered or the deadline passed; returns those seen and the time taken.</summary>
    public static async Task<(IReadOnlySet<string> Seen, TimeSpan Elapsed)> UntilAllAnswerAsync(string container, string url, IReadOnlySet<string> expected, TimeSpan deadline)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!expected.IsSubsetOf(seen) && clock.Elapsed < deadline)
        {
            if (await HostnameAsync(container, url).ConfigureAwait(false) is { } hostname)
            {
                seen.Add(hostname);
            }
        }

        return (seen, clock.Elapsed);
    }
}
