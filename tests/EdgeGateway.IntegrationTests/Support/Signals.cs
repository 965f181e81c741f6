using System.Runtime.InteropServices;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Sends SIGTERM, as <c>docker stop</c> does, to a process the tests started.</summary>
public static partial class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Whether a process with this id still exists (not yet reaped).</summary>
    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
