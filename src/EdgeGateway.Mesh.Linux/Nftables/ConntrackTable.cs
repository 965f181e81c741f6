using System.Net;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Active connections per backend from the kernel's connection table (nf_conntrack in procfs, per namespace): flows
/// whose original direction went to a frontend and whose reply comes from a backend. TCP counts ESTABLISHED flows
/// only (like IPVS's ActiveConn); UDP counts every flow. Kernels without the proc file give no counts (null).
/// </summary>
internal static class ConntrackTable
{
    // thread-self: /proc/net shows the namespace of the process's main thread, not of the namespace thread reading it
    private const string ProcFile = "/proc/thread-self/net/nf_conntrack";

    /// <summary>Reads the table in the namespace <paramref name="invoke"/> runs in; null when the kernel has no proc file.</summary>
    public static Func<CancellationToken, Task<string?>> Reader(NamespaceInvoker? invoke) =>
        async cancellationToken =>
        {
            static string Work() => File.Exists(ProcFile) ? File.ReadAllText(ProcFile) : "\0";
            var text = invoke is null ? Work() : await invoke(Work, cancellationToken).ConfigureAwait(false);
            return text == "\0" ? null : text;
        };

    public static Dictionary<(Frontend, IPAddress, int), long> Count(string table)
    {
        var counts = new Dictionary<(Frontend, IPAddress, int), long>();
        foreach (var line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Parse(line) is { } flow)
            {
                counts[flow] = counts.GetValueOrDefault(flow) + 1;
            }
        }

        return counts;
    }

    // ipv4 2 tcp 6 431999 ESTABLISHED src=C dst=F sport=x dport=P src=B dst=S sport=Q dport=x [ASSURED] mark=0 use=1
    private static (Frontend, IPAddress, int)? Parse(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 6 || words[0] != "ipv4" || Render.ParseProtocol(words[2]) is not { } protocol)
        {
            return null;
        }

        if (protocol == L4Protocol.Tcp && words[5] != "ESTABLISHED")
        {
            return null;
        }

        var fields = words.Where(w => w.Contains('=', StringComparison.Ordinal)).Select(w => w.Split('=', 2)).ToList();
        string? Nth(string key, int n) => fields.Where(f => f[0] == key).Select(f => f[1]).ElementAtOrDefault(n);
        if (!IPAddress.TryParse(Nth("dst", 0), out var frontend) || !int.TryParse(Nth("dport", 0), out var frontendPort)
            || !IPAddress.TryParse(Nth("src", 1), out var backend) || !int.TryParse(Nth("sport", 1), out var backendPort))
        {
            return null;
        }

        return (new Frontend(frontend, protocol, frontendPort), backend, backendPort);
    }
}
