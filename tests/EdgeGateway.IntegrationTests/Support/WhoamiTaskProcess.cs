namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Finds the process behind a <see cref="WhoamiTask"/>: the one whoami listening on its address and port.</summary>
public static class WhoamiTaskProcess
{
    public static int IdOf(WhoamiTask task)
    {
        var url = $"http://{task.Address}:{task.Port}";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }

            if (arguments.Any(a => a.EndsWith("whoami.dll", StringComparison.Ordinal)) && arguments.Contains(url))
            {
                return pid;
            }
        }

        throw new InvalidOperationException($"no whoami process listens on {url}");
    }
}
