using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.Agent.Json;

namespace EdgeGateway.Agent.Configuration;

/// <summary>
/// Builds <see cref="AgentOptions"/> from the config file and command-line overrides. Every bad value is reported at
/// once, naming where it came from (the file, or the option) and the field.
/// </summary>
public static class AgentOptionsLoader
{
    /// <summary>
    /// Loads <paramref name="configPath"/> (a missing file is an error only when <paramref name="configRequired"/>),
    /// then applies <paramref name="overrides"/>. Relative state file paths are taken from the config file's folder.
    /// </summary>
    public static AgentOptions Load(string configPath, bool configRequired, AgentSettings overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var errors = new List<string>();
        var options = new AgentOptions();
        if (File.Exists(configPath))
        {
            var file = ReadFile(configPath);
            options = Apply(options, file, $"config '{configPath}': ", field => field, errors);
            if (file.StateFile is not null && !Path.IsPathRooted(file.StateFile))
            {
                options = options with { StateFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, file.StateFile) };
            }
        }
        else if (configRequired)
        {
            throw new AgentConfigException($"config '{configPath}': file not found");
        }

        options = Apply(options, overrides, string.Empty, OptionName, errors);
        if (string.IsNullOrWhiteSpace(options.Node))
        {
            errors.Add($"node: not set (in config '{configPath}' or with --node)");
        }

        return errors.Count == 0 ? options : throw new AgentConfigException(string.Join(Environment.NewLine, errors));
    }

    private static AgentSettings ReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<AgentSettings>(File.ReadAllText(path), StrictJson.Options)
                ?? throw new AgentConfigException($"config '{path}': the file holds null, expected an object");
        }
        catch (JsonException e)
        {
            throw new AgentConfigException($"config '{path}': {StrictJson.Describe(e)}", e);
        }
        catch (IOException e)
        {
            throw new AgentConfigException($"config '{path}': cannot read: {e.Message}", e);
        }
    }

    private static AgentOptions Apply(AgentOptions options, AgentSettings s, string source, Func<string, string> name, List<string> errors)
    {
        void Error(string field, string what) => errors.Add($"{source}{name(field)}: {what}");

        if (s.Node is not null)
        {
            options = options with { Node = s.Node };
        }

        if (s.UnderlayAddress is not null)
        {
            if (IPAddress.TryParse(s.UnderlayAddress, out var address))
            {
                options = options with { UnderlayAddress = address };
            }
            else
            {
                Error("underlayAddress", $"'{s.UnderlayAddress}' is not an IP address");
            }
        }

        if (s.StateFile is not null)
        {
            options = options with { StateFile = s.StateFile };
        }

        if (s.Dataplane is not null)
        {
            if (Enum.TryParse<DataplaneKind>(s.Dataplane, ignoreCase: true, out var kind) && !int.TryParse(s.Dataplane, out _))
            {
                options = options with { Dataplane = kind };
            }
            else
            {
                Error("dataplane", $"'{s.Dataplane}' is not one of auto, nftables, ipvs, none");
            }
        }

        if (s.AdminUrl is not null)
        {
            if (Uri.TryCreate(s.AdminUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                options = options with { AdminUrl = url };
            }
            else
            {
                Error("adminUrl", $"'{s.AdminUrl}' is not an http(s) URL like http://127.0.0.1:9464");
            }
        }

        if (s.ManagerUrl is not null)
        {
            if (Uri.TryCreate(s.ManagerUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                options = options with { ManagerUrl = url };
            }
            else
            {
                Error("managerUrl", $"'{s.ManagerUrl}' is not an http(s) URL like http://10.0.0.11:9464");
            }
        }

        if (s.StatePollSeconds is { } seconds)
        {
            if (seconds > 0)
            {
                options = options with { StatePollInterval = TimeSpan.FromSeconds(seconds) };
            }
            else
            {
                Error("statePollSeconds", $"{seconds} must be greater than 0");
            }
        }

        if (s.SandboxLink is not null)
        {
            if (IPNetwork.TryParse(s.SandboxLink, out var link) && link.PrefixLength <= 30 && link.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                options = options with { SandboxLink = link };
            }
            else
            {
                Error("sandboxLink", $"'{s.SandboxLink}' is not an IPv4 subnet of /30 or larger");
            }
        }

        if (s.VxlanPort is { } port)
        {
            if (port is >= 1 and <= 65535)
            {
                options = options with { VxlanPort = port };
            }
            else
            {
                Error("vxlanPort", $"{port} is outside 1..65535");
            }
        }

        if (s.FeedAllow is not null)
        {
            var networks = new List<IPNetwork>();
            foreach (var entry in s.FeedAllow)
            {
                if (TryParseNetwork(entry, out var network))
                {
                    networks.Add(network);
                }
                else
                {
                    Error("feedAllow", $"'{entry}' is not a CIDR or an IP address like 10.0.0.0/24 or 10.0.0.5");
                }
            }

            options = options with { FeedAllow = networks };
        }

        if (s.FeedSocket is not null)
        {
            if (Path.IsPathFullyQualified(s.FeedSocket) && !s.FeedSocket.EndsWith('/'))
            {
                options = options with { FeedSocket = s.FeedSocket };
            }
            else
            {
                Error("feedSocket", $"'{s.FeedSocket}' is not an absolute file path like /run/edge-agent/feed.sock");
            }
        }

        return options;
    }

    /// <summary>
    /// A network (host bits dropped: 10.0.0.5/24 is 10.0.0.0/24), or a single address as a /32 (/128). IPv4-mapped IPv6
    /// networks become IPv4 ones, as client addresses are matched in IPv4 form.
    /// </summary>
    private static bool TryParseNetwork(string value, out IPNetwork network)
    {
        network = default;
        var parts = value.Trim().Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address)
            // IPAddress also takes shorthands like "10" (0.0.0.10): an IPv4 address must be written out in full.
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && parts[0].Count(c => c == '.') != 3))
        {
            return false;
        }

        var bits = address.GetAddressBytes().Length * 8;
        var prefix = bits;
        if (parts.Length == 2 && !(int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= bits))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            if (prefix < 96)
            {
                return false;
            }

            (address, prefix) = (address.MapToIPv4(), prefix - 96);
        }

        network = new IPNetwork(address, prefix);
        return true;
    }

    /// <summary>The command-line option that sets a field, for error messages.</summary>
    private static string OptionName(string field) => field switch
    {
        "underlayAddress" => "--underlay",
        "stateFile" => "--state",
        "adminUrl" => "--admin-url",
        "managerUrl" => "--manager-url",
        "feedAllow" => "--feed-allow (EDGE_FEED_ALLOW)",
        "feedSocket" => "--feed-socket",
        _ => $"--{field}",
    };
}
