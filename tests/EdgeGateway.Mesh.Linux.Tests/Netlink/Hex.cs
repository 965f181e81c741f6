namespace EdgeGateway.Mesh.Linux.Tests.Netlink;

/// <summary>Byte layouts written out as hex, with spaces and '|' between fields for reading.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(new string(hex.Where(Uri.IsHexDigit).ToArray()));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>Compares as hex strings so a failure shows exactly where the layouts differ.</summary>
    public static void Equal(string expected, ReadOnlySpan<byte> actual) => Assert.Equal(Of(Bytes(expected)), Of(actual));
}
