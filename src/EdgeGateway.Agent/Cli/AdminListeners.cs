using EdgeGateway.Agent.Configuration;
using Microsoft.AspNetCore.Hosting;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// Where the admin endpoints listen: the admin URL, and the --feed-socket Unix socket when one is set. The socket file
/// is the agent's own: one left by a killed agent is replaced, and the new one is opened to every user (the gateway
/// runs unprivileged), so who may read it is decided by who mounts its folder.
/// </summary>
internal static class AdminListeners
{
    private const UnixFileMode EveryoneReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Sets the listeners; call before the host is built.</summary>
    public static void Configure(IWebHostBuilder web, AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FeedSocket is not { } socket)
        {
            web.UseUrls(options.AdminUrl.ToString());
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        File.Delete(socket);
        web.UseUrls(options.AdminUrl.ToString(), $"http://unix:{socket}");
    }

    /// <summary>Opens the socket file to its readers; call once the host has started.</summary>
    public static void OpenSocket(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The agent runs on Linux only; the check keeps the analyzer's platform rule satisfied.
        if (options.FeedSocket is { } socket && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socket, EveryoneReadWrite);
        }
    }
}
