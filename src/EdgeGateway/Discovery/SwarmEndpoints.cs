using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Primitives;

namespace EdgeGateway.Discovery;

/// <summary>The resolved endpoints of a swarm service and a token that fires when they are replaced.</summary>
internal sealed record SwarmEndpoints(ImmutableArray<IPEndPoint> Addresses, IChangeToken Changed);
