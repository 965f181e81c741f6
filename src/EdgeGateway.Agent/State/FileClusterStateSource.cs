using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeGateway.Mesh.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Agent.State;

/// <summary>
/// Cluster state from a JSON file, watched for changes. inotify (through FileSystemWatcher on the folder, so editors
/// that replace the file are seen) wakes it at once; a slow poll catches what inotify misses (bind mounts, network
/// file systems). An invalid file is reported and skipped: consumers keep the last good state.
/// </summary>
internal sealed class FileClusterStateSource(string path, TimeSpan pollInterval, TimeProvider time, ILogger<FileClusterStateSource> logger)
    : IClusterStateSource
{
    /// <summary>Lets a writer that is not atomic (truncate, then write) finish before the file is read.</summary>
    private static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(100);

    private readonly string _path = Path.GetFullPath(path);
    private string? _lastError;

    public string Description => $"file {_path}";

    /// <summary>Raised for every file that could not be used (invalid JSON, invalid state, unreadable).</summary>
    public event Action<StateFileException>? Rejected;

    public async IAsyncEnumerable<ClusterState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = Watch(changed.Writer);
        string? lastText = null;
        while (true)
        {
            var text = await TryReadAsync(cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                lastText = null;
            }
            else if (text != lastText)
            {
                lastText = text;
                var state = TryParse(text);
                if (state is not null)
                {
                    _lastError = null;
                    Log.StateFileLoaded(logger, _path, state.Nodes.Length, state.Services.Length, state.Tasks.Length);
                    yield return state;
                }
            }

            await WaitForChangeAsync(changed.Reader, cancellationToken).ConfigureAwait(false);
        }
    }

    private FileSystemWatcher? Watch(ChannelWriter<bool> changed)
    {
        var folder = Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(folder, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => changed.TryWrite(true);
        watcher.Created += (_, _) => changed.TryWrite(true);
        watcher.Renamed += (_, _) => changed.TryWrite(true);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private async Task WaitForChangeAsync(ChannelReader<bool> changed, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(pollInterval, time, poll.Token);
        var signal = changed.WaitToReadAsync(poll.Token).AsTask();
        var first = await Task.WhenAny(timer, signal).ConfigureAwait(false);
        await poll.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == signal)
        {
            await Task.Delay(SettleDelay, time, cancellationToken).ConfigureAwait(false);
        }

        changed.TryRead(out _);
    }

    private async Task<string?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reject(new StateFileException($"state file '{_path}': cannot read: {e.Message}", e));
            return null;
        }
    }

    private ClusterState? TryParse(string text)
    {
        try
        {
            return StateFileReader.Parse(text, _path);
        }
        catch (StateFileException e)
        {
            Reject(e);
            return null;
        }
    }

    private void Reject(StateFileException error)
    {
        // A file that stays broken is reported once, not on every poll.
        if (error.Message == _lastError)
        {
            return;
        }

        _lastError = error.Message;
        Log.StateFileRejected(logger, error.Message);
        Rejected?.Invoke(error);
    }
}
