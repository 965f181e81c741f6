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

        // written to the stack: plans sort every backend of every frontend, so this runs often
        Span<byte> a = stackalloc byte[16], b = stackalloc byte[16];
        x.TryWriteBytes(a, out var lengthX);
        y.TryWriteBytes(b, out var lengthY);
        return lengthX != lengthY ? lengthX.CompareTo(lengthY) : a[..lengthX].SequenceCompareTo(b[..lengthY]);
    }
}
