using System.Security.Cryptography;
using System.Text;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Model;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// The cluster state this agent follows, as other agents read it: the state document and a version. The version is a
/// hash of the document, so it changes whenever the state does, and an agent restarted with the same state serves the
/// same version (a reader that already has it keeps waiting instead of re-reading). Readers can wait for a version
/// newer than the one they hold (long polling).
/// </summary>
internal sealed class ClusterStateFeed(TimeProvider time)
{
    private readonly Lock _gate = new();
    private FeedEntry? _current;
    private TaskCompletionSource<FeedEntry> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FeedEntry? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Publishes a state; true when it differs from the current one (a new version), false when unchanged.</summary>
    public bool Publish(ClusterState state)
    {
        var json = StateFileWriter.ToJson(state);
        var entry = new FeedEntry(VersionOf(json), json, [.. state.Nodes.Select(n => n.Underlay)]);
        TaskCompletionSource<FeedEntry> waiting;
        lock (_gate)
        {
            if (_current?.Version == entry.Version)
            {
                return false;
            }

            _current = entry;
            waiting = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waiting.SetResult(entry);
        return true;
    }

    /// <summary>
    /// The current entry at once when its version is not <paramref name="after"/> (null: any); otherwise waits up to
    /// <paramref name="timeout"/> for the next one. Null when nothing newer came in time.
    /// </summary>
    public async Task<FeedEntry?> WaitForNewerAsync(string? after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<FeedEntry> next;
        lock (_gate)
        {
            if (_current is not null && _current.Version != after)
            {
                return _current;
            }

            next = _next.Task;
        }

        try
        {
            return await next.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>128 bits of the document's SHA-256, in hex: equal documents, equal versions.</summary>
    public static string VersionOf(string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 16));
}
