using System.Diagnostics;

namespace EdgeGateway.TestSupport;

/// <summary>How every process the tests start is set up: arguments, environment, and the network namespace to enter.</summary>
internal static class ProcessStart
{
    public static ProcessStartInfo Create(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? networkNamespace)
    {
        // nsenter enters just the network namespace, so the program keeps seeing the host's files.
        string[] command = networkNamespace is { } ns ? ["nsenter", $"--net={NamespacePath(ns)}", "--", program, .. arguments] : [program, .. arguments];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in command[1..])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>The command as a shell would read it, with the namespace it runs in.</summary>
    public static string Describe(string program, IEnumerable<string> arguments, string? networkNamespace)
    {
        var line = string.Join(' ', arguments.Prepend(program).Select(Quote));
        return networkNamespace is { } ns ? $"{line} (in network namespace {ns})" : line;
    }

    private static string NamespacePath(string ns) => ns.Contains('/', StringComparison.Ordinal) ? ns : "/var/run/netns/" + ns;

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
