namespace EdgeGateway.Configuration;

/// <summary>
/// Reloads the routes file when its content changes. Directory events give a fast reaction (editors that
/// write a new file and rename it over the old one, symlink swaps of mounted configs); a content poll
/// catches what events miss (bind-mounted swarm configs, network filesystems). Only a change of content
/// triggers a reload, so touching the file or a burst of events costs one load at most.
/// </summary>
internal sealed partial class RoutesFileWatcher(RoutesReloader reloader, TimeProvider time, ILogger<RoutesFileWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim _changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = Path.GetFullPath(reloader.File);
        using var watcher = WatchDirectory(path);
        // Start from what the start-up load saw, so that an edit made while the host was starting is not missed.
        var seen = reloader.InitialFingerprint;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await WaitForEventAsync(stoppingToken))
                {
                    await Task.Delay(SettleDelay, time, stoppingToken);
                }

                var current = RoutesFileFingerprint.Of(path);
                if (current != seen)
                {
                    seen = current;
                    await reloader.ReloadAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private async Task<bool> WaitForEventAsync(CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(PollInterval, time);
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await _changed.WaitAsync(poll.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private FileSystemWatcher? WatchDirectory(string path)
    {
        try
        {
            var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime | NotifyFilters.DirectoryName,
            };
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, e) => Log.WatchFailed(logger, e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Polling alone still picks up every change.
            Log.WatchFailed(logger, e);
            return null;
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.ConfigWatchFailed, LogLevel.Warning, "Watching the routes file's directory failed; changes are still picked up by polling")]
        public static partial void WatchFailed(ILogger logger, Exception exception);
    }
}
