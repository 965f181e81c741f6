using EdgeGateway.Mesh.Linux.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Netlink;

// struct nlmsgerr { int error; struct nlmsghdr msg; } then, with NLM_F_ACK_TLVS, NLMSGERR_ATTR_* attributes;
// with NLM_F_CAPPED the echoed request is only its 16-byte header.
public class NetlinkErrorTests
{
    private static NetlinkMessage Error(ushort flags, string payload) => new(2, flags, 1, 0, Hex.Bytes(payload));

    [Fact]
    public void ToException_CappedWithExtendedAck_MessageNamesOperationErrnoAndKernelReason()
    {
        var message = Error(0x0300, "efffffff | 20000000 1000 0506 01000000 00000000 | 0c00 0100 62616421 000000 00");

        var error = NetlinkError.ToException(message, "create bridge br0");

        Assert.Equal(17, error.Errno);
        Assert.Equal("create bridge br0", error.Operation);
        Assert.StartsWith("create bridge br0 failed: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(errno 17): bad!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_PlainError_MessageHasErrnoOnly()
    {
        var message = Error(0, "feffffff | 10000000 1000 0500 01000000 00000000");

        var error = NetlinkError.ToException(message, "get link x");

        Assert.Equal(2, error.Errno);
        Assert.EndsWith("(errno 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrnoOf_Ack_IsZero()
    {
        Assert.Equal(0, NetlinkError.ErrnoOf(Error(0x100, "00000000 | 10000000 1000 0500 01000000 00000000")));
    }
}
