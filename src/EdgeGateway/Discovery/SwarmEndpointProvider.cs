using Microsoft.Extensions.ServiceDiscovery;

namespace EdgeGateway.Discovery;

/// <summary>
/// Hands service discovery the current endpoints of one swarm service, each with its explicit port, plus the
/// watch's change token so that YARP re-resolves as soon as tasks appear or disappear.
/// </summary>
internal sealed class SwarmEndpointProvider(SwarmServiceWatch watch) : IServiceEndpointProvider
{
    public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
    {
        await watch.FirstLookup.WaitAsync(cancellationToken);
        var current = watch.Current;
        foreach (var address in current.Addresses)
        {
            endpoints.Endpoints.Add(ServiceEndpoint.Create(address));
        }

        endpoints.AddChangeToken(current.Changed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"swarm {watch.Query}";
}
