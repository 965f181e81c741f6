using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>
/// Builds one netlink message: the 16-byte nlmsghdr, a family header, then attributes (nlattr: u16 length without
/// padding, u16 type, value, padded to 4 bytes). Numbers are in host byte order (little-endian) unless named BigEndian.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessageWriter(ushort type, ushort flags)
    {
        Type = type;
        Flags = flags;
        _length = NetlinkConstants.HeaderLength;
    }

    public ushort Type { get; }

    public ushort Flags { get; set; }

    public int Length => _length;

    /// <summary>Appends a fixed family header (ifinfomsg, genlmsghdr, ...), padded to 4 bytes.</summary>
    public NetlinkMessageWriter WriteHeader(ReadOnlySpan<byte> header)
    {
        Append(header);
        Pad();
        return this;
    }

    public NetlinkMessageWriter PutBytes(ushort type, ReadOnlySpan<byte> value)
    {
        var length = NetlinkConstants.AttributeHeaderLength + value.Length;
        Span<byte> header = stackalloc byte[NetlinkConstants.AttributeHeaderLength];
        BinaryPrimitives.WriteUInt16LittleEndian(header, checked((ushort)length));
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], type);
        Append(header);
        Append(value);
        Pad();
        return this;
    }

    public NetlinkMessageWriter PutU8(ushort type, byte value) => PutBytes(type, [value]);

    public NetlinkMessageWriter PutU16(ushort type, ushort value)
    {
        Span<byte> v = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, value);
        return PutBytes(type, v);
    }

    public NetlinkMessageWriter PutU16BigEndian(ushort type, ushort value)
    {
        Span<byte> v = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(v, value);
        return PutBytes(type, v);
    }

    public NetlinkMessageWriter PutU32(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return PutBytes(type, v);
    }

    public NetlinkMessageWriter PutS32(ushort type, int value) => PutU32(type, unchecked((uint)value));

    /// <summary>A NUL-terminated string (NLA_NUL_STRING / NLA_STRING as iproute2 and libnl send it).</summary>
    public NetlinkMessageWriter PutString(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return PutBytes(type, bytes);
    }

    /// <summary>An address in network byte order: 4 bytes for IPv4, 16 for IPv6.</summary>
    public NetlinkMessageWriter PutAddress(ushort type, IPAddress address) => PutBytes(type, address.GetAddressBytes());

    /// <summary>An address in a 16-byte union nf_inet_addr (IPVS), IPv4 in the first 4 bytes.</summary>
    public NetlinkMessageWriter PutInetUnion(ushort type, IPAddress address)
    {
        Span<byte> v = stackalloc byte[16];
        v.Clear();
        address.GetAddressBytes().CopyTo(v);
        return PutBytes(type, v);
    }

    /// <summary>Opens a nested attribute; returns a token for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        Span<byte> header = stackalloc byte[NetlinkConstants.AttributeHeaderLength];
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)(type | NetlinkConstants.AttributeNested));
        Append(header);
        return start;
    }

    public NetlinkMessageWriter EndNested(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), checked((ushort)(_length - start)));
        return this;
    }

    /// <summary>Completes the nlmsghdr (length, type, flags, sequence, port id) and returns the whole message.</summary>
    public ReadOnlySpan<byte> Complete(uint sequence, uint portId = 0)
    {
        var h = _buffer.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)_length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], portId);
        return _buffer.AsSpan(0, _length);
    }

    public static ushort AddressFamilyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? (ushort)10 : (ushort)2;

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(_length + bytes.Length + 4);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Pad()
    {
        var aligned = NetlinkConstants.Align(_length);
        EnsureCapacity(aligned);
        _buffer.AsSpan(_length, aligned - _length).Clear();
        _length = aligned;
    }

    private void EnsureCapacity(int size)
    {
        if (size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length * 2));
        }
    }
}
