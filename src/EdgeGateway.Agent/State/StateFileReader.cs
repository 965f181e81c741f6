using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using EdgeGateway.Agent.Json;
using EdgeGateway.Mesh.Model;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.State;

/// <summary>
/// Reads a cluster state from JSON. Every problem found is reported at once, each with its place in the file
/// (<c>tasks[2].addresses.ingress</c>) and what is wrong; then the model's own validation runs.
/// </summary>
public static class StateFileReader
{
    public static async Task<ClusterState> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateFileException($"state file '{path}': cannot read: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates; <paramref name="source"/> names the file in error messages.</summary>
    public static ClusterState Parse(string json, string source)
    {
        StateFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<StateFileDocument>(json, StrictJson.Options);
        }
        catch (JsonException e)
        {
            throw new StateFileException($"state file '{source}': {StrictJson.Describe(e)}", e);
        }

        if (document is null)
        {
            throw new StateFileException($"state file '{source}': the file holds null, expected an object");
        }

        var errors = new List<string>();
        var state = new ClusterState(
            [.. document.Nodes.Select((n, i) => Node(n, $"nodes[{i}]", errors))],
            [.. document.Networks.Select((n, i) => Network(n, $"networks[{i}]", errors))],
            [.. document.Services.Select((s, i) => Service(s, $"services[{i}]", errors))],
            [.. document.Tasks.Select((t, i) => Task(t, $"tasks[{i}]", errors))]);
        if (errors.Count == 0)
        {
            errors.AddRange(ClusterStateValidator.Validate(state));
        }

        return errors.Count == 0
            ? state
            : throw new StateFileException($"state file '{source}' is invalid:{string.Concat(errors.Select(e => $"{Environment.NewLine}  - {e}"))}");
    }

    private static ClusterNode Node(NodeDocument n, string at, List<string> errors) =>
        new(Required(n.Name, $"{at}.name", errors), Address(n.Address, $"{at}.address", errors))
        {
            IngressAddress = n.IngressAddress is null ? null : Address(n.IngressAddress, $"{at}.ingressAddress", errors),
        };

    private static OverlayNetwork Network(NetworkDocument n, string at, List<string> errors)
    {
        var subnet = default(IPNetwork);
        if (n.Subnet is null)
        {
            errors.Add($"{at}.subnet: is missing");
        }
        else if (!IPNetwork.TryParse(n.Subnet, out subnet) || !subnet.BaseAddress.ToString().Equals(n.Subnet.Split('/')[0], StringComparison.Ordinal))
        {
            errors.Add($"{at}.subnet: '{n.Subnet}' is not a subnet in CIDR form (like 10.255.0.0/24) with no host bits set");
        }

        return new OverlayNetwork(Required(n.Name, $"{at}.name", errors), subnet, n.Vni, n.Ingress);
    }

    private static ClusterService Service(ServiceDocument s, string at, List<string> errors)
    {
        var mode = s.EndpointMode switch
        {
            "vip" => EndpointMode.Vip,
            "dnsrr" => EndpointMode.DnsRoundRobin,
            _ => Invalid(EndpointMode.Vip, $"{at}.endpointMode: '{s.EndpointMode}' is not one of vip, dnsrr", errors),
        };
        var vips = s.Vips.ToImmutableSortedDictionary(kv => kv.Key, kv => Address(kv.Value, $"{at}.vips.{kv.Key}", errors), StringComparer.Ordinal);
        var ports = s.Ports.Select((p, i) => new ServicePort(Protocol(p.Protocol, $"{at}.ports[{i}].protocol", errors), p.Target, p.Published));
        return new ClusterService(Required(s.Name, $"{at}.name", errors), mode, vips, [.. ports]);
    }

    private static ClusterTask Task(TaskDocument t, string at, List<string> errors)
    {
        var addresses = t.Addresses.ToImmutableSortedDictionary(kv => kv.Key, kv => Address(kv.Value, $"{at}.addresses.{kv.Key}", errors), StringComparer.Ordinal);
        return new ClusterTask(
            Required(t.Id, $"{at}.id", errors),
            Required(t.Service, $"{at}.service", errors),
            Required(t.Node, $"{at}.node", errors),
            addresses,
            LowerCaseEnum<TaskState>(t.State, $"{at}.state", errors),
            LowerCaseEnum<TaskHealth>(t.Health, $"{at}.health", errors));
    }

    private static L4Protocol Protocol(string value, string at, List<string> errors) => value switch
    {
        "tcp" => L4Protocol.Tcp,
        "udp" => L4Protocol.Udp,
        _ => Invalid(L4Protocol.Tcp, $"{at}: '{value}' is not one of tcp, udp", errors),
    };

    private static IPAddress Address(string? value, string at, List<string> errors)
    {
        if (value is null)
        {
            return Invalid(IPAddress.None, $"{at}: is missing", errors);
        }

        // IPAddress.TryParse accepts shorthands like "10.1"; only full dotted quads or IPv6 text are meant.
        return IPAddress.TryParse(value, out var address) && (value.Contains(':', StringComparison.Ordinal) || value.Count(c => c == '.') == 3)
            ? address
            : Invalid(IPAddress.None, $"{at}: '{value}' is not an IP address", errors);
    }

    private static string Required(string? value, string at, List<string> errors) =>
        string.IsNullOrWhiteSpace(value) ? Invalid(string.Empty, $"{at}: is missing", errors) : value;

    private static T Invalid<T>(T placeholder, string error, List<string> errors)
    {
        errors.Add(error);
        return placeholder;
    }

    /// <summary>Enum values are written in lower case in the file ("running", "unhealthy").</summary>
    private static T LowerCaseEnum<T>(string value, string at, List<string> errors)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().ToDictionary(v => v.ToString().ToLowerInvariant(), StringComparer.Ordinal);
        return names.TryGetValue(value, out var parsed)
            ? parsed
            : Invalid(default(T), $"{at}: '{value}' is not one of {string.Join(", ", names.Keys)}", errors);
    }
}
