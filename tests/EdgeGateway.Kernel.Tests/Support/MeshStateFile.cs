using System.Net;
using System.Text.Json;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>
/// Writes the agent's cluster state file: the nodes, one ingress network, one service "echo" published on
/// <see cref="MeshCluster.Port"/> for TCP and UDP, and its tasks. Written to a temporary file and renamed, so an
/// agent never reads half a file.
/// </summary>
internal static class MeshStateFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static async Task WriteAsync(string path, IEnumerable<(string Name, IPAddress Underlay)> nodes, IEnumerable<MeshTask> tasks)
    {
        var document = new
        {
            nodes = nodes.Select(n => new { name = n.Name, address = n.Underlay.ToString() }),
            networks = new[] { new { name = "ingress", subnet = MeshCluster.IngressSubnet, vni = 4096, ingress = true } },
            services = new[]
            {
                new
                {
                    name = "echo",
                    endpointMode = "dnsrr",
                    ports = new[]
                    {
                        new { protocol = "tcp", target = MeshCluster.Port, published = MeshCluster.Port },
                        new { protocol = "udp", target = MeshCluster.Port, published = MeshCluster.Port },
                    },
                },
            },
            tasks = tasks.Select(t => new
            {
                id = t.Id,
                service = "echo",
                node = t.Node,
                addresses = new Dictionary<string, string> { ["ingress"] = t.Address.ToString() },
                state = t.State,
                health = t.Health,
            }),
        };
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(document, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
