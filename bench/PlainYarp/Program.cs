// plain-yarp: YARP forwarding every request to one backend, with no health checks, retries, metrics or
// request logging; what edge-gateway's own features are measured against. Usage: --urls URL --backend URL.
using Yarp.ReverseProxy.Configuration;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var backend = builder.Configuration["backend"]
    ?? throw new ArgumentException("--backend URL is required (the address every request is forwarded to)");

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**catch-all}" } }],
    [new ClusterConfig
    {
        ClusterId = "backend",
        Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = backend } },
    }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
