using System.Net;

namespace EdgeGateway.Mesh.Linux.Conntrack;

/// <summary>
/// One connection-tracking entry as a dump returns it: who answers it (the reply direction's source: after DNAT,
/// the backend), and what names it for a delete: its original tuple (kept as the kernel's own nest, so every
/// protocol round-trips), its zone and its id (a delete with the id spares a newer entry with the same tuple).
/// </summary>
internal sealed record ConntrackEntry(IPAddress ReplySource, ReadOnlyMemory<byte> OriginalTuple, ushort? Zone, uint? Id);
