using System.Globalization;
using System.Net;
using EdgeGateway.Discovery.AgentFeed;

namespace EdgeGateway;

/// <summary>
/// Reads <see cref="GatewayOptions"/> from the command line (<c>--routes FILE</c>) or, failing that, the
/// environment (<c>EDGE_ROUTES</c>); every bad value is reported, naming the option.
/// </summary>
internal static class GatewayOptionsReader
{
    private static readonly string[] KnownOptions = ["routes", "urls", "admin-urls", "dns", "dns-refresh", "agent-feed", "connect-timeout", "upstream-ack-timeout", "drain-delay", "trusted-networks"];

    // ASP.NET's own host options; "--Section:Key value" sets any other configuration key (e.g. --Resilience:MaxRetries 3).
    private static readonly string[] HostOptions = ["environment", "contentRoot", "applicationName"];

    public static (GatewayOptions Options, IReadOnlyList<string> Errors) Read(IConfiguration configuration, IEnumerable<string> args)
    {
        var errors = new List<string>();
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = arg[2..].Split('=', 2)[0];
            if (!KnownOptions.Contains(name, StringComparer.OrdinalIgnoreCase) && !HostOptions.Contains(name, StringComparer.OrdinalIgnoreCase) && !name.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"unknown option '{arg}' (known: {string.Join(", ", KnownOptions.Select(o => "--" + o))})");
            }
        }

        var defaults = new GatewayOptions();
        var options = new GatewayOptions
        {
            RoutesFile = Value(configuration, "routes", "EDGE_ROUTES") ?? defaults.RoutesFile,
            PublicUrls = Urls(Value(configuration, "urls", "ASPNETCORE_URLS")) ?? defaults.PublicUrls,
            AdminUrls = Urls(Value(configuration, "admin-urls", "EDGE_ADMIN_URLS")) ?? defaults.AdminUrls,
            DnsServer = Parse<IPEndPoint?>(configuration, "dns", "EDGE_DNS", TryParseDnsServer, errors, defaults.DnsServer),
            DnsRefresh = Parse(configuration, "dns-refresh", "EDGE_DNS_REFRESH", TryParseInterval, errors, defaults.DnsRefresh),
            AgentFeed = Parse<AgentFeedEndpoint?>(configuration, "agent-feed", "EDGE_AGENT_FEED", AgentFeedEndpoint.TryParse, errors, defaults.AgentFeed),
            ConnectTimeout = Parse(configuration, "connect-timeout", "EDGE_CONNECT_TIMEOUT", TryParseInterval, errors, defaults.ConnectTimeout),
            UnacknowledgedTimeout = Parse(configuration, "upstream-ack-timeout", "EDGE_UPSTREAM_ACK_TIMEOUT", TryParseAckTimeout, errors, defaults.UnacknowledgedTimeout),
            DrainDelay = Parse(configuration, "drain-delay", "EDGE_DRAIN_DELAY", TryParseDelay, errors, defaults.DrainDelay),
            TrustedNetworks = Parse(configuration, "trusted-networks", "EDGE_TRUSTED_NETWORKS", TryParseNetworks, errors, defaults.TrustedNetworks),
        };
        return (options, errors);
    }

    private static string? Value(IConfiguration configuration, string option, string variable)
    {
        var value = configuration[option] ?? Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private delegate bool TryParser<T>(string value, out T result);

    private static T Parse<T>(IConfiguration configuration, string option, string variable, TryParser<T> parse, List<string> errors, T fallback)
    {
        var value = Value(configuration, option, variable);
        if (value is null)
        {
            return fallback;
        }

        if (!parse(value, out var parsed))
        {
            errors.Add($"--{option} ({variable}): bad value '{value}'{Hint(option)}");
            return fallback;
        }

        return parsed;
    }

    private static string Hint(string option) => option switch
    {
        "dns" => ": expected an IP address with an optional port, e.g. 127.0.0.11 or 10.0.0.2:5353",
        "dns-refresh" => ": expected a positive interval such as 1s, 500ms or 00:00:02",
        "agent-feed" => ": expected the agent's socket file (an absolute path such as /run/edge-agent/feed.sock) or its admin URL such as http://10.0.0.2:9464",
        "drain-delay" => ": expected a duration such as 5s, 500ms, 0 or 00:00:05",
        "upstream-ack-timeout" => ": expected a duration up to 1h such as 2s, 1500ms or 0 (off)",
        "trusted-networks" => ": expected comma-separated CIDRs such as 10.0.0.0/8,192.168.1.5",
        _ => string.Empty,
    };

    private static string[]? Urls(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParseDnsServer(string value, out IPEndPoint? server)
    {
        server = IPAddress.TryParse(value, out var address) ? new IPEndPoint(address, 53)
            : IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port > 0 ? endpoint
            : null;
        return server is not null;
    }

    private static bool TryParseInterval(string value, out TimeSpan result) => TryParseDuration(value, out result) && result > TimeSpan.Zero;

    // The kernel takes milliseconds in an int; an hour is already far beyond any use.
    private static bool TryParseAckTimeout(string value, out TimeSpan result) => TryParseDelay(value, out result) && result <= TimeSpan.FromHours(1);

    private static bool TryParseDelay(string value, out TimeSpan result) => TryParseDuration(value, out result) && result >= TimeSpan.Zero;

    private static bool TryParseDuration(string value, out TimeSpan result)
    {
        TimeSpan? duration = value switch
        {
            _ when value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && double.TryParse(value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) => TimeSpan.FromMilliseconds(ms),
            _ when value.EndsWith('s') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => TimeSpan.FromSeconds(s),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) => TimeSpan.FromSeconds(plain),
            _ when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) => span,
            _ => null,
        };
        result = duration ?? TimeSpan.Zero;
        return duration is not null;
    }

    private static bool TryParseNetworks(string value, out IReadOnlyList<IPNetwork> result)
    {
        var networks = new List<IPNetwork>();
        result = networks;
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var single))
            {
                networks.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
