namespace EdgeGateway.Whoami;

/// <summary>Start-up options, from the command line (--name, --delay, --unhealthy, --drain-delay) or WHOAMI_* variables.</summary>
internal sealed record WhoamiOptions
{
    public string Name { get; init; } = "";

    public int Delay { get; init; }

    public bool Unhealthy { get; init; }

    /// <summary>Milliseconds to keep serving (with /health answering 503) after SIGTERM before the listener closes.</summary>
    public int DrainDelay { get; init; } = 5000;

    public static WhoamiOptions From(IConfiguration configuration)
    {
        var delay = configuration.GetValue("delay", 0);
        if (delay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), delay, "--delay (WHOAMI_DELAY) must be a non-negative number of milliseconds");
        }

        var drainDelay = configuration.GetValue("drain-delay", 5000);
        if (drainDelay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), drainDelay, "--drain-delay (WHOAMI_DRAIN_DELAY) must be a non-negative number of milliseconds");
        }

        return new WhoamiOptions
        {
            Name = configuration["name"] ?? "",
            Delay = delay,
            Unhealthy = configuration.GetValue("unhealthy", false),
            DrainDelay = drainDelay,
        };
    }

    /// <summary>Lets bare flags (<c>--unhealthy</c>) stand without a value, which the command-line provider does not allow.</summary>
    public static string[] NormalizeFlags(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var isBareFlag = args[i] == "--unhealthy" && (i + 1 == args.Length || args[i + 1].StartsWith('-'));
            result.Add(isBareFlag ? "--unhealthy=true" : args[i]);
        }

        return [.. result];
    }
}
