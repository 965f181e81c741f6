using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>One nlattr as read back: its type (flags masked off) and value.</summary>
internal readonly record struct NetlinkAttribute(ushort Type, ReadOnlyMemory<byte> Value)
{
    public byte U8 => Value.Span[0];

    public ushort U16 => BinaryPrimitives.ReadUInt16LittleEndian(Value.Span);

    public ushort U16BigEndian => BinaryPrimitives.ReadUInt16BigEndian(Value.Span);

    public uint U32 => BinaryPrimitives.ReadUInt32LittleEndian(Value.Span);

    public ulong U64 => BinaryPrimitives.ReadUInt64LittleEndian(Value.Span);

    public string String
    {
        get
        {
            var span = Value.Span;
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }
    }

    public IPAddress Address => new(Value.Span);

    /// <summary>An address from a 16-byte nf_inet_addr union, read as the given family (2 = IPv4, 10 = IPv6).</summary>
    public IPAddress InetUnion(ushort family) => new(family == 2 ? Value.Span[..4] : Value.Span[..16]);

    public NetlinkAttributes Nested => NetlinkAttributes.Parse(Value);
}
