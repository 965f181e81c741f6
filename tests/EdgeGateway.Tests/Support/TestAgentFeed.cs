using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Support;

/// <summary>
/// A node agent's <c>/v1/cluster-state</c> on a Unix socket as docs/agent.md specifies it (the version in ETag; with
/// <c>?after=VERSION</c> an answer as soon as the state differs, else 304 after the long poll), serving task lists the
/// test sets.
/// </summary>
public sealed class TestAgentFeed : IAsyncDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly object _lock = new();
    private (string Version, string Json) _current = ("0", """{ "tasks": [] }""");
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _versions;

    private TestAgentFeed(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static async Task<TestAgentFeed> StartAsync(string socketPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://unix:{socketPath}");
        var app = builder.Build();
        var feed = new TestAgentFeed(app, socketPath);
        app.MapGet("/v1/cluster-state", feed.ServeAsync);
        await app.StartAsync();
        return feed;
    }

    /// <summary>Publishes a new version listing these tasks (address on one network, swarm task state).</summary>
    public void SetTasks(params (string Address, string State)[] tasks)
    {
        var json = JsonSerializer.Serialize(new
        {
            tasks = tasks.Select((t, i) => new { id = $"task{i}", addresses = new Dictionary<string, string> { ["net1"] = t.Address }, state = t.State }),
        });
        TaskCompletionSource changed;
        lock (_lock)
        {
            _current = ((++_versions).ToString(System.Globalization.CultureInfo.InvariantCulture), json);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ServeAsync(string? after, HttpContext context)
    {
        (string Version, string Json) current;
        Task changed;
        lock (_lock)
        {
            (current, changed) = (_current, _changed.Task);
        }

        if (after == current.Version)
        {
            await Task.WhenAny(changed, Task.Delay(LongPoll, context.RequestAborted));
            lock (_lock)
            {
                current = _current;
            }
        }

        context.Response.Headers.ETag = $"\"{current.Version}\"";
        return after == current.Version ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Text(current.Json, "application/json");
    }
}
