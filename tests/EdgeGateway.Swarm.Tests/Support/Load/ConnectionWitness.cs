using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>
/// What happened to the connection a request opened: when the connect began and ended, and the client's port. A
/// failure's detail then says whether the SYN was never answered or the answer never came, and which port to look for
/// in conntrack.
/// </summary>
public sealed class ConnectionWitness
{
    public static readonly HttpRequestOptionsKey<ConnectionWitness> Key = new(nameof(ConnectionWitness));

    private long _began;
    private long _connected;
    private int _localPort;

    /// <summary>A connect callback for <see cref="SocketsHttpHandler.ConnectCallback"/> that fills the witness the request carries.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(Key, out var witness);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            witness?._began = Stopwatch.GetTimestamp();
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            witness?._localPort = (socket.LocalEndPoint as IPEndPoint)?.Port ?? 0;
            witness?._connected = Stopwatch.GetTimestamp();
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The client's port of a connection this request opened and that was accepted; null otherwise.</summary>
    public int? AcceptedPort => _connected == 0 ? null : _localPort;

    /// <summary>For a failure's detail: the connect's outcome as seen at <paramref name="ended"/>.</summary>
    public string Describe(long ended) => _began == 0
        ? "on a pooled connection"
        : _connected == 0
            ? string.Create(CultureInfo.InvariantCulture, $"connect unanswered for {Stopwatch.GetElapsedTime(_began, ended).TotalMilliseconds:F0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"connected in {Stopwatch.GetElapsedTime(_began, _connected).TotalMilliseconds:F0} ms from port {_localPort}, then {Stopwatch.GetElapsedTime(_connected, ended).TotalMilliseconds:F0} ms without a whole answer");
}
