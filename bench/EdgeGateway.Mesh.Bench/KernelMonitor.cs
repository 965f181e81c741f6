using System.Diagnostics;
using System.Threading.Channels;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// `nft monitor rules` inside a namespace: every rule the kernel commits arrives as a line right after the commit,
/// so the time a line arrives is the time the change reached the kernel (plus a pipe hop).
/// </summary>
internal sealed class KernelMonitor : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private KernelMonitor(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.BeginOutputReadLine();
    }

    public static async Task<KernelMonitor> StartAsync(string ns)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "netns", "exec", ns, "stdbuf", "-oL", "nft", "monitor", "rules" })
        {
            start.ArgumentList.Add(arg);
        }

        var monitor = new KernelMonitor(Process.Start(start) ?? throw new InvalidOperationException("cannot start nft monitor"));
        await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false); // nft reads the ruleset before it listens
        return monitor;
    }

    /// <summary>Drops lines seen so far (events of earlier changes).</summary>
    public void Clear()
    {
        while (_lines.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits for a committed rule event that mentions <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
