using System.Security.Cryptography;

namespace EdgeGateway.Configuration;

/// <summary>What the routes file holds right now, as a hash (or why it cannot be read), to tell real changes from events.</summary>
internal static class RoutesFileFingerprint
{
    public static string Of(string path)
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"unreadable: {e.Message}";
        }
    }
}
