using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeGateway.Tests.Resilience;

/// <summary>Starts the backends and proxies of one test and stops them all when it ends, also on failure.</summary>
internal sealed class ResilienceTestRig : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started = [];

    public async Task<ResilienceTestBackend> BackendAsync(string name, string address)
    {
        var backend = await ResilienceTestBackend.StartAsync(name, IPAddress.Parse(address));
        _started.Add(backend);
        return backend;
    }

    public async Task<ResilienceTestProxy> ProxyAsync(
        IReadOnlyDictionary<string, Uri> destinations,
        IReadOnlyDictionary<string, string?>? settings = null,
        IReadOnlyDictionary<string, string>? routeMetadata = null,
        HttpProtocols protocols = HttpProtocols.Http1,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string>? clusterMetadata = null)
    {
        var proxy = await ResilienceTestProxy.StartAsync(destinations, settings, routeMetadata, protocols, time, clusterMetadata);
        _started.Add(proxy);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var started in _started)
        {
            await started.DisposeAsync();
        }
    }
}
