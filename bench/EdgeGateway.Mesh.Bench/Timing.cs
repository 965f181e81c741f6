using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Mesh.Bench;

/// <summary>Milliseconds of timed work and the one-line results the bench script parses (RESULT key=value ...).</summary>
internal static class Timing
{
    public static async Task<(T Value, double Ms)> TimeAsync<T>(Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var value = await work().ConfigureAwait(false);
        return (value, watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Wall-clock and CPU milliseconds (all of this process's threads, user and kernel) of timed work.</summary>
    public static async Task<(T Value, double Ms, double CpuMs)> TimeWithCpuAsync<T>(Func<Task<T>> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var value = await work().ConfigureAwait(false);
        var ms = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (value, ms, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    public static void Report(string name, params (string Key, object Value)[] fields) =>
        Console.WriteLine($"RESULT {name} " + string.Join(' ', fields.Select(f => $"{f.Key}={Format(f.Value)}")));

    /// <summary>Median, 90th percentile and maximum of a series, for reporting.</summary>
    public static (double Median, double P90, double Max) Summary(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.9) - 1], sorted[^1]);
    }

    private static string Format(object value) =>
        value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
