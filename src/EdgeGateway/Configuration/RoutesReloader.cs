using EdgeGateway.Discovery;
using EdgeGateway.Observability;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Configuration;

/// <summary>
/// Applies a routes file: a good one replaces the served configuration; a bad one is logged, counted and
/// shown in /status while the last good configuration keeps serving.
/// </summary>
internal sealed partial class RoutesReloader(
    RoutesLoader loader,
    FileProxyConfigProvider provider,
    ConfigStatus status,
    SwarmServiceMonitor monitor,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<RoutesReloader> logger)
{
    public string File => options.Value.RoutesFile;

    /// <summary>The file's fingerprint taken just before the start-up load.</summary>
    public string? InitialFingerprint { get; private set; }

    /// <summary>The start-up load; its errors are the caller's to report (the process must not start).</summary>
    public async Task<IReadOnlyList<ConfigError>> LoadInitialAsync()
    {
        InitialFingerprint = RoutesFileFingerprint.Of(Path.GetFullPath(File));
        var result = await loader.LoadAsync(File);
        if (result.Routes is null)
        {
            return result.Errors;
        }

        Apply(result.Routes);
        Log.Loaded(logger, File, result.Routes.Routes.Count, result.Routes.Clusters.Count);
        return [];
    }

    /// <summary>A load after start-up, from the watcher.</summary>
    public async Task ReloadAsync()
    {
        metrics.ConfigReloads.Inc();
        var result = await loader.LoadAsync(File);
        if (result.Routes is null)
        {
            status.Failed(time.GetUtcNow(), result.Errors);
            metrics.ConfigReloadFailures.Inc();
            metrics.LastReloadSuccess.Set(0);
            foreach (var error in result.Errors)
            {
                Log.Rejected(logger, error.ToString());
            }

            return;
        }

        Apply(result.Routes);
        Log.Reloaded(logger, File, result.Routes.Routes.Count, result.Routes.Clusters.Count);
    }

    private void Apply(LoadedRoutes routes)
    {
        monitor.Retain(routes.SwarmServices);
        provider.Update(routes);
        var now = time.GetUtcNow();
        status.Succeeded(now);
        metrics.LastReloadSuccess.Set(1);
        metrics.LastReloadSuccessTime.Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.ConfigLoaded, LogLevel.Information, "Loaded {File}: {Routes} routes, {Clusters} clusters")]
        public static partial void Loaded(ILogger logger, string file, int routes, int clusters);

        [LoggerMessage(EventIds.ConfigReloaded, LogLevel.Information, "Reloaded {File}: {Routes} routes, {Clusters} clusters")]
        public static partial void Reloaded(ILogger logger, string file, int routes, int clusters);

        [LoggerMessage(EventIds.ConfigRejected, LogLevel.Error, "Routes file rejected, the last good configuration keeps serving: {Error}")]
        public static partial void Rejected(ILogger logger, string error);
    }
}
