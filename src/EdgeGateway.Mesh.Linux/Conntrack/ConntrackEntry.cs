using System.Net;

namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>
/// One connection-tracking entry as a dump returns it: who answers it (the reply direction's source: after DNAT,
/// the backend), and what names it for a delete: its reply tuple (kept as the kernel's own nest, so every protocol
/// round-trips), its zone and its id.
/// </summary>
/// <remarks>
/// The reply tuple, not the original one: a client that reuses its port sends a SYN that makes conntrack replace a
/// closed (TIME_WAIT) entry by a new one with the same original tuple, which the balancer sends to a live backend;
/// the new entry can even get the same id (the kernel hashes the object's address and the original tuple, and the
/// freed object is reused at once). Looked up by the reply tuple, which names the backend, a delete can only ever
/// remove an entry that backend answers.
/// </remarks>
internal sealed record ConntrackEntry(IPAddress ReplySource, ReadOnlyMemory<byte> ReplyTuple, ushort? Zone, uint? Id);
