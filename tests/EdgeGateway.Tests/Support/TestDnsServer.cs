using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.Tests.Support;

/// <summary>
/// A small authoritative DNS server on loopback (UDP) whose A records the test controls, so that
/// swarm tasks appearing and disappearing are real DNS answers. Unknown names get NXDOMAIN, like
/// Docker's embedded DNS for a service without tasks. Self-contained (BCL only) so other test
/// projects can link this file.
/// </summary>
public sealed class TestDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort ClassIn = 1;
    private const int HeaderLength = 12;

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<string, IPAddress[]> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _queries = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TestDnsServer(IPAddress address, int port)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, port));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The address and port the server answers on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>TTL in seconds put on every answer; 600 by default, like Docker's embedded DNS.</summary>
    public uint TtlSeconds { get; set; } = 600;

    /// <summary>When set, every query is answered with SERVFAIL (a broken resolver).</summary>
    public bool Failing { get; set; }

    /// <summary>Starts a server on <paramref name="address"/> (default 127.0.0.1) and a free port.</summary>
    public static TestDnsServer Start(IPAddress? address = null, int port = 0) => new(address ?? IPAddress.Loopback, port);

    /// <summary>Replaces the A records of <paramref name="name"/>; an empty list answers NOERROR with no records.</summary>
    public void SetRecords(string name, params IPAddress[] addresses) => _records[Normalize(name)] = addresses;

    /// <summary>Replaces the A records of <paramref name="name"/> from dotted-quad strings.</summary>
    public void SetRecords(string name, params string[] addresses) => SetRecords(name, addresses.Select(IPAddress.Parse).ToArray());

    /// <summary>Removes <paramref name="name"/>; it then answers NXDOMAIN.</summary>
    public void Remove(string name) => _records.TryRemove(Normalize(name), out _);

    /// <summary>How many queries arrived for <paramref name="name"/>.</summary>
    public int QueryCount(string name) => _queries.TryGetValue(Normalize(name), out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private static string Normalize(string name) => name.TrimEnd('.');

    private async Task ServeAsync()
    {
        var buffer = new byte[1500];
        EndPoint any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var reply = Answer(buffer.AsSpan(0, received.ReceivedBytes));
            if (reply is null)
            {
                continue;
            }

            try
            {
                await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private byte[]? Answer(ReadOnlySpan<byte> query)
    {
        if (query.Length < HeaderLength || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        var (name, questionEnd) = ReadName(query, HeaderLength);
        if (questionEnd + 4 > query.Length)
        {
            return null;
        }

        var qtype = BinaryPrimitives.ReadUInt16BigEndian(query[questionEnd..]);
        var question = query[HeaderLength..(questionEnd + 4)];
        _queries.AddOrUpdate(name, 1, (_, n) => n + 1);

        const byte NoError = 0, ServFail = 2, NxDomain = 3;
        var found = _records.TryGetValue(name, out var addresses);
        var rcode = Failing ? ServFail : found ? NoError : NxDomain;
        var answers = rcode == NoError && qtype == TypeA ? addresses!.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray() : [];

        using var reply = new MemoryStream();
        Span<byte> header = stackalloc byte[HeaderLength];
        query[..2].CopyTo(header);                                   // id
        header[2] = (byte)(0x80 | 0x04 | (query[2] & 0x01));         // QR, AA, RD copied
        header[3] = (byte)(0x80 | rcode);                             // RA, rcode
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)answers.Length);
        reply.Write(header);
        reply.Write(question);
        Span<byte> record = stackalloc byte[16];
        foreach (var address in answers)
        {
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC000 | HeaderLength);   // pointer to the question name
            BinaryPrimitives.WriteUInt16BigEndian(record[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(record[4..], ClassIn);
            BinaryPrimitives.WriteUInt32BigEndian(record[6..], TtlSeconds);
            BinaryPrimitives.WriteUInt16BigEndian(record[10..], 4);
            address.TryWriteBytes(record[12..], out _);
            reply.Write(record);
        }

        return reply.ToArray();
    }

    private static (string Name, int End) ReadName(ReadOnlySpan<byte> message, int offset)
    {
        var name = new StringBuilder();
        while (offset < message.Length && message[offset] != 0)
        {
            int length = message[offset];
            if (offset + 1 + length > message.Length)
            {
                break;
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(message.Slice(offset + 1, length)));
            offset += 1 + length;
        }

        return (name.ToString(), offset + 1);
    }
}
