using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EdgeGateway.Agent.State;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// Follows the cluster state a manager's agent serves: long polls one manager for each newer version, moves to the
/// next manager when one fails (unreachable, an error answer, an invalid document), and once every manager failed in
/// a row backs off (1 s, doubling up to 5 s) and looks the managers up again. Meanwhile the caller keeps its last
/// state, so the kernel keeps serving. While one answers, the managers are looked up again every
/// <see cref="RefreshInterval"/>: a node demoted since no longer counts, and the follower moves to one that does.
/// </summary>
internal sealed class ManagerStateFollower(
    ClusterStateClient client,
    Func<CancellationToken, Task<ImmutableArray<Uri>>> discoverManagers,
    TimeProvider time,
    ILogger logger)
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Raised for every answer that is not a valid state document (counted like a rejected state file).</summary>
    public event Action<StateFileException>? Rejected;
    /// <summary>Short: a refused connection costs nothing, and a restarted manager's agent should be read again soon.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>About one long poll: a demoted manager's agent, which then follows another, is left soon enough.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    public async IAsyncEnumerable<VersionedState> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rotation = new ManagerRotation();
        string? version = null;
        var retry = TimeSpan.Zero;
        Uri? reading = null;
        var discovered = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (rotation.AllFailed)
            {
                if (retry > TimeSpan.Zero)
                {
                    Log.ManagersUnreachable(logger, string.Join(", ", rotation.Managers), retry);
                    await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
                }

                retry = retry == TimeSpan.Zero ? FirstRetryDelay : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetryDelay.Ticks));
                rotation.Update(await DiscoverAsync(cancellationToken).ConfigureAwait(false));
                discovered = time.GetUtcNow();
                continue;
            }

            var manager = rotation.Current!;
            VersionedState? fresh;
            try
            {
                fresh = await client.GetAsync(manager, version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or ClusterStateFeedException or StateFileException
                || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.ManagerReadFailed(logger, manager, e.Message);
                if (e is StateFileException invalid)
                {
                    Rejected?.Invoke(invalid);
                }

                rotation.Failed();
                reading = null;
                continue;
            }

            rotation.Succeeded();
            retry = TimeSpan.Zero;
            if (time.GetUtcNow() - discovered >= RefreshInterval)
            {
                discovered = time.GetUtcNow();
                if (await DiscoverAsync(cancellationToken).ConfigureAwait(false) is { IsEmpty: false } managers)
                {
                    rotation.Update(managers);
                }
            }

            if (reading != manager)
            {
                reading = manager;
                Log.ManagerFollowed(logger, manager);
            }

            if (fresh is not null)
            {
                version = fresh.Version;
                yield return fresh;
            }
        }
    }

    private async Task<ImmutableArray<Uri>> DiscoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            var managers = await discoverManagers(cancellationToken).ConfigureAwait(false);
            if (managers.IsEmpty)
            {
                Log.ManagerReadFailed(logger, null, "no manager known");
            }

            return managers;
        }
        catch (Exception e) when (e is global::Docker.DotNet.DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            Log.ManagerReadFailed(logger, null, $"cannot look the managers up: {e.Message}");
            return [];
        }
    }
}
