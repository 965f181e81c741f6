using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Support;

/// <summary>
/// A real HTTP server on a loopback address that answers with its name, the request line and the headers it got
/// (after <c>?delay=MS</c> milliseconds if asked); <c>/health</c> answers as <see cref="Healthy"/> says.
/// </summary>
internal sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private EchoBackend(WebApplication app, string name, IPEndPoint endPoint)
    {
        _app = app;
        Name = name;
        EndPoint = endPoint;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>What /health answers: 200 while true, 503 once set to false.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>Starts a backend on <paramref name="address"/> (e.g. 127.0.0.2) and <paramref name="port"/> (0: any free port).</summary>
    public static async Task<EchoBackend> StartAsync(string name, string address = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), port, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        EchoBackend? self = null;
        app.Run(async context =>
        {
            if (context.Request.Path == "/health")
            {
                context.Response.StatusCode = self!.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return;
            }

            Interlocked.Increment(ref self!._requests);
            if (int.TryParse(context.Request.Query["delay"], out var delay))
            {
                // A slow request, to be in flight while something changes.
                await Task.Delay(delay, context.RequestAborted);
            }

            var text = new StringBuilder($"Name: {name}\n{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n");
            foreach (var (key, value) in context.Request.Headers)
            {
                text.Append(key).Append(": ").Append(value.ToString()).Append('\n');
            }

            await context.Response.WriteAsync(text.ToString());
        });
        await app.StartAsync();
        var bound = new Uri(app.Urls.Single());
        self = new EchoBackend(app, name, new IPEndPoint(IPAddress.Parse(bound.Host), bound.Port));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
