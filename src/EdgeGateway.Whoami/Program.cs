// whoami: a tiny upstream for examples and tests. Every path echoes who answered and what it received;
// /health (flip with POST /health/fail and /health/ok), /stream?count=N&interval=MS, /ws (echo),
// ?delay=MS and ?status=CODE per request; every answer names the instance in X-Whoami-Name (--name, else the hostname).
// Options: --urls, --name, --delay MS, --unhealthy, --drain-delay MS (or WHOAMI_*).
// On SIGTERM it drains: /health answers 503 and responses close their connections while it keeps serving for
// --drain-delay (default 5000 ms); then it stops, finishing the requests in flight.
using EdgeGateway.Hosting;
using EdgeGateway.Whoami;

var normalizedArgs = WhoamiOptions.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(normalizedArgs);
// WHOAMI_NAME, WHOAMI_DELAY, WHOAMI_UNHEALTHY, WHOAMI_DRAIN_DELAY, WHOAMI_URLS; the command line still wins.
builder.Configuration.AddEnvironmentVariables("WHOAMI_");
builder.Configuration.AddCommandLine(normalizedArgs);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var options = WhoamiOptions.From(builder.Configuration);
builder.Services.AddSingleton(new HealthState(options.Unhealthy));
builder.Services.AddShutdownDrain(TimeSpan.FromMilliseconds(options.DrainDelay));

var app = builder.Build();
app.UseDrainConnectionClose();
app.UseInstanceName(options.Name);
app.UseWebSockets();
app.UseResponseDelay(options.Delay);

app.MapGet("/health", (HealthState health, ShutdownDrain drain) => health.Healthy && !drain.Draining
    ? Results.Text("healthy\n")
    : Results.Text("unhealthy\n", statusCode: StatusCodes.Status503ServiceUnavailable));
app.MapPost("/health/fail", (HealthState health) =>
{
    health.Healthy = false;
    return Results.Text("unhealthy\n");
});
app.MapPost("/health/ok", (HealthState health) =>
{
    health.Healthy = true;
    return Results.Text("healthy\n");
});
app.Map("/stream", StreamEndpoint.Handle);
app.Map("/ws", WebSocketEcho.Handle);
app.MapFallback("{**path}", (HttpRequest request, int? status) =>
    Results.Text(EchoText.For(request, options.Name), statusCode: status ?? StatusCodes.Status200OK));

app.Run();
