using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Resilience;

/// <summary>A real Kestrel upstream on its own loopback address that counts requests and answers as told.</summary>
internal sealed class ResilienceTestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;
    private volatile RequestDelegate _respond;

    private ResilienceTestBackend(WebApplication app, string name)
    {
        _app = app;
        Name = name;
        _respond = AnswerStatus(StatusCodes.Status200OK);
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Request bodies received, in order.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    public static async Task<ResilienceTestBackend> StartAsync(string name, IPAddress address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address, 0));
        var app = builder.Build();
        var backend = new ResilienceTestBackend(app, name);
        app.Run(backend.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        backend.Address = new Uri(bound);
        return backend;
    }

    /// <summary>From now on answer with this status and a body naming the backend.</summary>
    public void Answer(int status) => _respond = AnswerStatus(status);

    public void Answer(RequestDelegate respond) => _respond = respond;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _hits);
        using var reader = new StreamReader(context.Request.Body);
        Bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
        await _respond(context);
    }

    private RequestDelegate AnswerStatus(int status) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers["X-Backend"] = Name;
        await context.Response.WriteAsync($"{Name} answered {status}", context.RequestAborted);
    };
}
