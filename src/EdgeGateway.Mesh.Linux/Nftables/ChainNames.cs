using System.Security.Cryptography;
using System.Text;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Mesh.Linux.Nftables;

/// <summary>
/// Generated chain names: prefix + short hash + readable key (<c>svc-ULMVA6XW-web/tcp/80</c>). The hash keeps names
/// unique however the readable part is shortened; the prefix tells generated chains from the fixed ones.
/// </summary>
internal static class ChainNames
{
    public const string ServicePrefix = "svc-";
    private const int HashLength = 8;
    private const int MaxReadableServiceLength = 64;
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string ForService(string service, Frontend frontend)
    {
        var key = $"{service}|{Render.Protocol(frontend.Protocol)}|{frontend.Address}|{frontend.Port}";
        return $"{ServicePrefix}{ShortHash(key)}-{Readable(service)}/{Render.Protocol(frontend.Protocol)}/{frontend.Port}";
    }

    public static bool IsService(string chain) =>
        chain.StartsWith(ServicePrefix, StringComparison.Ordinal)
        && chain.Length > ServicePrefix.Length + HashLength + 1
        && chain[ServicePrefix.Length + HashLength] == '-';

    /// <summary>The readable service part of a generated name (as shortened when the chain was made).</summary>
    public static string ServiceOf(string chain)
    {
        var readable = chain[(ServicePrefix.Length + HashLength + 1)..];
        var cut = readable.LastIndexOf('/', readable.LastIndexOf('/') - 1);
        return cut > 0 ? readable[..cut] : readable;
    }

    private static string Readable(string service)
    {
        var builder = new StringBuilder(Math.Min(service.Length, MaxReadableServiceLength));
        foreach (var c in service.AsSpan(0, Math.Min(service.Length, MaxReadableServiceLength)))
        {
            // nft identifiers allow letters, digits and / \ _ . - only
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        }

        return builder.ToString();
    }

    private static string ShortHash(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var chars = new char[HashLength];
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | hash[i];
        }

        for (var i = 0; i < HashLength; i++)
        {
            chars[i] = Base32Alphabet[(int)((bits >> (35 - (5 * i))) & 31)];
        }

        return new string(chars);
    }
}
