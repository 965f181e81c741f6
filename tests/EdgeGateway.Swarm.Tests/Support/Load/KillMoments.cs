using System.Diagnostics;

namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>
/// When each kill of a phase began and when its command had returned (Stopwatch timestamps). A request in flight at
/// some moment in between may have been on the killed task; one sent after the kill returned was not, and neither was
/// one that ended before it began.
/// </summary>
public sealed class KillMoments
{
    private readonly Lock _lock = new();
    private readonly List<(long Began, long Returned)> _kills = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _kills.Count;
            }
        }
    }

    /// <summary>Runs the kill and records when it began and returned.</summary>
    public async Task MeasureAsync(Func<Task> kill)
    {
        ArgumentNullException.ThrowIfNull(kill);
        var began = Stopwatch.GetTimestamp();
        await kill().ConfigureAwait(false);
        var returned = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _kills.Add((began, returned));
        }
    }

    /// <summary>Whether the request was in flight while one of the kills happened.</summary>
    public bool Overlaps(LoadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            return _kills.Exists(k => request.InFlightDuring(k.Began, k.Returned));
        }
    }
}
