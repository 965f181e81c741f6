using EdgeGateway.Agent.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// <c>GET /v1/cluster-state[?after=VERSION]</c> on the admin listener: the state document with its version in
/// <c>ETag</c>. With <c>after</c>, answers at once when the current version differs, else waits up to
/// <see cref="LongPollLimit"/> for a new one and answers 304 when none came. 503 while the agent has no state yet.
/// Only loopback, the swarm's nodes and --feed-allow may read it (<see cref="ClusterStateAccessFilter"/>).
/// </summary>
internal static class ClusterStateEndpoint
{
    public const string Path = "/v1/cluster-state";

    public static readonly TimeSpan LongPollLimit = TimeSpan.FromSeconds(30);

    public static IEndpointConventionBuilder MapClusterState(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ServeAsync).AddEndpointFilter<ClusterStateAccessFilter>();

    private static async Task<IResult> ServeAsync(string? after, ClusterStateFeed feed, AgentStopping stopping, HttpContext context)
    {
        // A stopping agent ends its long polls (after its drain, if any) rather than holding its shutdown for them.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        FeedEntry? entry;
        try
        {
            entry = await feed.WaitForNewerAsync(string.IsNullOrEmpty(after) ? null : after, LongPollLimit, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.Token.IsCancellationRequested)
        {
            entry = null;
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        if (entry is null)
        {
            var current = feed.Current;
            if (current is null)
            {
                return Results.Text("no cluster state yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            headers.ETag = Quoted(current.Version);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        headers.ETag = Quoted(entry.Version);
        return Results.Text(entry.Json, "application/json");
    }

    private static string Quoted(string version) => new EntityTagHeaderValue($"\"{version}\"").ToString();
}
