using System.Runtime.InteropServices;
using EdgeGateway.Mesh.Linux.Interop;
using Tmds.Linux;

namespace EdgeGateway.Mesh.Linux.Netlink;

/// <summary>
/// A netlink socket of one protocol (rtnetlink, generic netlink) in the network namespace of the thread that opened
/// it. Every request carries a fresh sequence number and asks for an ACK; errors become
/// <see cref="KernelCallException"/>s naming the operation. Requests are serialized.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 1 << 18;

    private readonly Lock _lock = new();
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private int _fd;
    private uint _sequence = (uint)Environment.TickCount;

    private NetlinkSocket(int fd) => _fd = fd;

    public static NetlinkSocket Open(int protocol)
    {
        var fd = Errno.ThrowIfFailed(LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol), $"open netlink socket (protocol {protocol})");
        try
        {
            var address = default(SockaddrNetlink);
            address.Family = (ushort)(int)LibC.AF_NETLINK;
            Errno.ThrowIfFailed(LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(SockaddrNetlink)), "bind netlink socket");
            var on = 1;
            _ = LibC.setsockopt(fd, NetlinkConstants.SolNetlink, NetlinkConstants.OptionCapAck, &on, sizeof(int));
            _ = LibC.setsockopt(fd, NetlinkConstants.SolNetlink, NetlinkConstants.OptionExtAck, &on, sizeof(int));
            return new NetlinkSocket(fd);
        }
        catch
        {
            _ = LibC.close(fd);
            throw;
        }
    }

    /// <summary>Sends a request and waits for its ACK; returns the replies that came before it (e.g. a GET).</summary>
    public List<NetlinkMessage> Request(NetlinkMessageWriter message, string operation)
    {
        message.Flags |= NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck;
        return Exchange(message, operation, dump: false);
    }

    /// <summary>Sends a dump request and collects every part until NLMSG_DONE.</summary>
    public List<NetlinkMessage> Dump(NetlinkMessageWriter message, string operation)
    {
        const int attempts = 3;
        message.Flags |= NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var replies = Exchange(message, operation, dump: true);

            // NLM_F_DUMP_INTR: the table changed while the kernel walked it, so the parts may not agree; ask again.
            if (!replies.Any(r => (r.Flags & NetlinkConstants.FlagDumpInterrupted) != 0))
            {
                return replies;
            }
        }

        throw new KernelCallException(operation, LibC.EINTR, $"the dump was interrupted by concurrent changes {attempts} times");
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.close(fd);
        }
    }

    private List<NetlinkMessage> Exchange(NetlinkMessageWriter message, string operation, bool dump)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            var sequence = ++_sequence;
            Send(message.Complete(sequence), operation);
            var replies = new List<NetlinkMessage>();
            while (true)
            {
                foreach (var reply in NetlinkMessage.Parse(Receive(operation)))
                {
                    if (reply.Sequence != sequence)
                    {
                        continue;
                    }

                    switch (reply.Type)
                    {
                        case NetlinkConstants.MessageError when NetlinkError.ErrnoOf(reply) == 0:
                            return replies;
                        case NetlinkConstants.MessageError:
                            throw NetlinkError.ToException(reply, operation);
                        case NetlinkConstants.MessageDone when dump:
                            ThrowIfDumpFailed(reply, operation);
                            return replies;
                        case NetlinkConstants.MessageNoop:
                            break;
                        default:
                            replies.Add(reply);
                            break;
                    }
                }
            }
        }
    }

    // A dump that fails half-way reports a negative errno in the NLMSG_DONE payload.
    private static void ThrowIfDumpFailed(NetlinkMessage done, string operation)
    {
        if (done.Payload.Length >= 4 && NetlinkError.ErrnoOf(done) > 0)
        {
            throw new KernelCallException(operation, NetlinkError.ErrnoOf(done));
        }
    }

    private void Send(ReadOnlySpan<byte> bytes, string operation)
    {
        fixed (byte* p = bytes)
        {
            long sent;
            do
            {
                sent = LibC.send(_fd, p, bytes.Length, 0);
            }
            while (sent < 0 && LibC.errno == LibC.EINTR);
            Errno.ThrowIfFailed(sent, $"{operation}: send netlink request");
        }
    }

    private ReadOnlySpan<byte> Receive(string operation)
    {
        fixed (byte* p = _receive)
        {
            long received;
            do
            {
                received = LibC.recv(_fd, p, _receive.Length, 0);
            }
            while (received < 0 && LibC.errno == LibC.EINTR);
            Errno.ThrowIfFailed(received, $"{operation}: receive netlink reply");
            return _receive.AsSpan(0, (int)received);
        }
    }

    /// <summary>struct sockaddr_nl: family, padding, port id (0 = kernel assigns), multicast groups.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrNetlink
    {
        public ushort Family;
        public ushort Padding;
        public uint PortId;
        public uint Groups;
    }
}
