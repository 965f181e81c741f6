using System.Text;

namespace EdgeGateway.Mesh.Linux.Sysctls;

/// <summary>
/// Reads and writes /proc/sys keys ("net.ipv4.ip_forward"). Network keys belong to the namespace of the calling
/// thread, so call these inside a <see cref="Namespaces.NetNamespace"/> to set another namespace's values.
/// </summary>
internal static class Sysctl
{
    public static string PathOf(string key) => "/proc/sys/" + key.Replace('.', '/');

    public static string? TryRead(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Writes the value; returns false (and writes nothing) when this kernel has no such key.</summary>
    public static bool TryWrite(string key, string value)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Write(Encoding.ASCII.GetBytes(value + "\n"));
        }
        catch (IOException e)
        {
            throw new IOException($"set sysctl {key}={value} failed: {e.Message}", e);
        }

        return true;
    }
}
