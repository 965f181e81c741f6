using System.Buffers.Binary;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>The attributes of a message or nest, in order, with lookup by type (first occurrence wins).</summary>
internal sealed class NetlinkAttributes
{
    private readonly List<NetlinkAttribute> _items;

    private NetlinkAttributes(List<NetlinkAttribute> items) => _items = items;

    public IReadOnlyList<NetlinkAttribute> All => _items;

    public static NetlinkAttributes Parse(ReadOnlyMemory<byte> data)
    {
        var items = new List<NetlinkAttribute>();
        var offset = 0;
        var span = data.Span;
        while (offset + NetlinkConstants.AttributeHeaderLength <= span.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & NetlinkConstants.AttributeTypeMask);
            if (length < NetlinkConstants.AttributeHeaderLength || offset + length > span.Length)
            {
                throw new InvalidDataException($"netlink attribute type {type} at offset {offset} has invalid length {length}");
            }

            items.Add(new NetlinkAttribute(type, data.Slice(offset + NetlinkConstants.AttributeHeaderLength, length - NetlinkConstants.AttributeHeaderLength)));
            offset += NetlinkConstants.Align(length);
        }

        return new NetlinkAttributes(items);
    }

    public bool TryGet(ushort type, out NetlinkAttribute attribute)
    {
        foreach (var item in _items)
        {
            if (item.Type == type)
            {
                attribute = item;
                return true;
            }
        }

        attribute = default;
        return false;
    }

    public NetlinkAttribute Get(ushort type) =>
        TryGet(type, out var a) ? a : throw new InvalidDataException($"netlink attribute {type} missing");
}
