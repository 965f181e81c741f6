using System.Net;
using System.Text.RegularExpressions;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Mesh.Model;

/// <summary>
/// Checks a cluster state for everything the planner relies on. Collects every error rather than stopping at the
/// first; each message names the object and the field.
/// </summary>
public static partial class ClusterStateValidator
{
    public const int MaxVni = (1 << 24) - 1;

    public static IReadOnlyList<string> Validate(ClusterState state)
    {
        var errors = new List<string>();
        ValidateNodes(state, errors);
        var networks = ValidateNetworks(state, errors);
        var services = ValidateServices(state, networks, errors);
        ValidateTasks(state, networks, services, errors);
        ValidateAddressClashes(state, errors);
        return errors;
    }

    private static void ValidateNodes(ClusterState state, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in state.Nodes)
        {
            if (!NamePattern().IsMatch(node.Name))
            {
                errors.Add($"node '{node.Name}': name must be 1-40 characters of letters, digits, '.', '_' or '-'");
            }

            if (!seen.Add(node.Name))
            {
                errors.Add($"node '{node.Name}': name is used twice");
            }

            var ingress = state.IngressNetwork;
            if (node.IngressAddress is not null && ingress is not null && !ingress.Subnet.Contains(node.IngressAddress))
            {
                errors.Add($"node '{node.Name}': ingressAddress {node.IngressAddress} is outside ingress network '{ingress.Name}' subnet {ingress.Subnet}");
            }
        }
    }

    private static Dictionary<string, OverlayNetwork> ValidateNetworks(ClusterState state, List<string> errors)
    {
        var byName = new Dictionary<string, OverlayNetwork>(StringComparer.Ordinal);
        var vnis = new HashSet<int>();
        foreach (var network in state.Networks)
        {
            if (!byName.TryAdd(network.Name, network))
            {
                errors.Add($"network '{network.Name}': name is used twice");
            }

            if (network.Vni is < 1 or > MaxVni)
            {
                errors.Add($"network '{network.Name}': vni {network.Vni} is outside 1..{MaxVni}");
            }
            else if (!vnis.Add(network.Vni))
            {
                errors.Add($"network '{network.Name}': vni {network.Vni} is used by another network");
            }
        }

        if (state.Networks.Count(n => n.Ingress) > 1)
        {
            errors.Add($"networks: more than one is marked ingress ({string.Join(", ", state.Networks.Where(n => n.Ingress).Select(n => n.Name))})");
        }

        return byName;
    }

    private static HashSet<string> ValidateServices(ClusterState state, Dictionary<string, OverlayNetwork> networks, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var published = new Dictionary<(Plan.L4Protocol, int), string>();
        foreach (var service in state.Services)
        {
            var what = $"service '{service.Name}'";
            if (!names.Add(service.Name))
            {
                errors.Add($"{what}: name is used twice");
            }

            if (service.EndpointMode == EndpointMode.DnsRoundRobin && service.Vips.Count > 0)
            {
                errors.Add($"{what}: vips are set but endpoint mode is dnsrr");
            }

            foreach (var (network, vip) in service.Vips)
            {
                CheckAddress(what, $"vips.{network}", vip, network, networks, errors);
            }

            foreach (var port in service.Ports)
            {
                CheckPort(what, "target", port.TargetPort, errors);
                if (port.PublishedPort is not { } p)
                {
                    continue;
                }

                CheckPort(what, "published", p, errors);
                var key = (port.Protocol, p);
                if (published.TryGetValue(key, out var owner))
                {
                    errors.Add($"{what}: published port {ProtocolName(port.Protocol)}/{p} is already published by service '{owner}'");
                }
                else
                {
                    published[key] = service.Name;
                }

                if (state.IngressNetwork is null)
                {
                    errors.Add($"{what}: publishes {ProtocolName(port.Protocol)}/{p} but no network is marked ingress");
                }
            }
        }

        return names;
    }

    private static void ValidateTasks(ClusterState state, Dictionary<string, OverlayNetwork> networks, HashSet<string> services, List<string> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var nodes = state.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var task in state.Tasks)
        {
            var what = $"task '{task.Id}'";
            if (!ids.Add(task.Id))
            {
                errors.Add($"{what}: id is used twice");
            }

            if (!services.Contains(task.Service))
            {
                errors.Add($"{what}: service '{task.Service}' is not defined");
            }

            if (!nodes.Contains(task.Node))
            {
                errors.Add($"{what}: node '{task.Node}' is not defined");
            }

            foreach (var (network, address) in task.Addresses)
            {
                CheckAddress(what, $"addresses.{network}", address, network, networks, errors);
            }
        }
    }

    /// <summary>No two things (task, VIP, sandbox) may hold the same address on one network.</summary>
    private static void ValidateAddressClashes(ClusterState state, List<string> errors)
    {
        var holders = new Dictionary<(string Network, IPAddress Address), string>();
        void Claim(string network, IPAddress address, string holder)
        {
            if (!holders.TryAdd((network, address), holder))
            {
                errors.Add($"{holder}: address {address} on network '{network}' is also held by {holders[(network, address)]}");
            }
        }

        var ingress = state.IngressNetwork;
        if (ingress is not null && state.Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() == state.Nodes.Length)
        {
            foreach (var (node, address) in IngressAddressing.SandboxAddresses(state, ingress))
            {
                if (!ingress.Subnet.Contains(address))
                {
                    errors.Add($"node '{node}': ingress sandbox address {address} is outside ingress network '{ingress.Name}' subnet {ingress.Subnet} (too many nodes for the subnet?)");
                }

                Claim(ingress.Name, address, $"node '{node}' ingress sandbox");
            }
        }

        foreach (var service in state.Services)
        {
            foreach (var (network, vip) in service.Vips)
            {
                Claim(network, vip, $"service '{service.Name}' vip");
            }
        }

        foreach (var task in state.Tasks)
        {
            foreach (var (network, address) in task.Addresses)
            {
                Claim(network, address, $"task '{task.Id}'");
            }
        }
    }

    private static void CheckAddress(string what, string field, IPAddress address, string network, Dictionary<string, OverlayNetwork> networks, List<string> errors)
    {
        if (!networks.TryGetValue(network, out var net))
        {
            errors.Add($"{what}: {field}: network '{network}' is not defined");
        }
        else if (!net.Subnet.Contains(address))
        {
            errors.Add($"{what}: {field}: {address} is outside network '{network}' subnet {net.Subnet}");
        }
    }

    private static void CheckPort(string what, string field, int port, List<string> errors)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{what}: {field} port {port} is outside 1..65535");
        }
    }

    private static string ProtocolName(Plan.L4Protocol protocol) => protocol.ToString().ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex NamePattern();
}
