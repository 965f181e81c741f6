namespace EdgeGateway.Hosting;

/// <summary>
/// Holds a stopping process open for its drain delay before the server closes its listeners. On SIGTERM the host
/// stops: this runs first, marks the process as draining (readiness answers 503, responses close their connections)
/// and waits, while the listeners keep accepting and serving, so that swarm's DNS, the node agents and the upstream
/// health checks have all taken the task out before anything is refused. Then the server stops, finishing the
/// requests in flight within <see cref="InFlightGrace"/>.
/// </summary>
internal sealed partial class ShutdownDrain(TimeSpan delay, TimeProvider time, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    /// <summary>How long requests still in flight when the listeners close get to finish.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(10);

    private volatile bool _draining;

    public TimeSpan Delay => delay;

    /// <summary>True from the moment the process was told to stop.</summary>
    public bool Draining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        Log.Draining(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }

        Log.Closing(logger);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Draining, LogLevel.Information, "Stopping: not ready, still serving for the {Seconds} s drain delay")]
        public static partial void Draining(ILogger logger, double seconds);

        [LoggerMessage(EventIds.DrainDone, LogLevel.Information, "Drain delay over: closing the listeners and finishing the requests in flight")]
        public static partial void Closing(ILogger logger);
    }
}
