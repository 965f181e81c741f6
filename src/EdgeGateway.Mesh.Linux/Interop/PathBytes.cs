using System.Text;

namespace EdgeGateway.Mesh.Linux.Interop;

/// <summary>NUL-terminated UTF-8 strings for libc path arguments.</summary>
internal static class PathBytes
{
    public static byte[] Of(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
