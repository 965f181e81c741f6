using System.Net;

namespace EdgeGateway.Mesh.Plan;

/// <summary>Orders addresses numerically (IPv4 before IPv6), so plans are deterministic.</summary>
public sealed class AddressComparer : IComparer<IPAddress>
{
    public static AddressComparer Instance { get; } = new();

    public int Compare(IPAddress? x, IPAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        ReadOnlySpan<byte> a = x.GetAddressBytes(), b = y.GetAddressBytes();
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }
}
