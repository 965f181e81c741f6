using System.Buffers.Binary;
using EdgeGateway.Mesh.Linux.Interop;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>
/// Decodes NLMSG_ERROR (struct nlmsgerr: s32 error, the echoed request header, then extended-ack TLVs when
/// NLM_F_ACK_TLVS is set). Error 0 is an ACK.
/// </summary>
internal static class NetlinkError
{
    public static int ErrnoOf(NetlinkMessage message) => -BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span);

    public static KernelCallException ToException(NetlinkMessage message, string operation)
    {
        var errno = ErrnoOf(message);
        var detail = ExtendedAckMessage(message);
        return detail is null ? new KernelCallException(operation, errno) : new KernelCallException(operation, errno, detail);
    }

    /// <summary>The kernel's human-readable reason (NLMSGERR_ATTR_MSG), when it sent one.</summary>
    public static string? ExtendedAckMessage(NetlinkMessage message)
    {
        if ((message.Flags & NetlinkConstants.FlagAckTlvs) == 0)
        {
            return null;
        }

        var payload = message.Payload;
        var echoedLength = (message.Flags & NetlinkConstants.FlagCapped) != 0
            ? NetlinkConstants.HeaderLength
            : (int)BinaryPrimitives.ReadUInt32LittleEndian(payload.Span[4..]);
        var tlvStart = 4 + NetlinkConstants.Align(echoedLength);
        if (tlvStart >= payload.Length)
        {
            return null;
        }

        return NetlinkAttributes.Parse(payload[tlvStart..]).TryGet(NetlinkConstants.ErrorAttributeMessage, out var text)
            ? text.String
            : null;
    }
}
