using System.Net;
using System.Text.Json;

namespace EdgeGateway.Mesh.Bench;

/// <summary>
/// Cluster state files for edge-agent: the nodes, an ingress network 10.216.0.0/16, service "web" published on
/// 8080 with one task (the benchmark's HTTP server), and SERVICES more (dnsrr, published on 20000 + i) of TASKS
/// tasks each, spread over the nodes. Written to a temporary file and renamed, as the agent expects.
/// </summary>
internal sealed record StateFiles(IReadOnlyList<(string Name, IPAddress Underlay)> Nodes, string WebNode, IPAddress WebTask, int Services, int Tasks)
{
    public const string IngressSubnet = "10.216.0.0/16";
    public const int WebPort = 8080;
    public const int PublishedBase = 20000;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Render((int Service, int Task)? drained = null)
    {
        var services = new List<object> { Service("web", WebPort) };
        var tasks = new List<object> { Task("web.1", "web", WebNode, WebTask, "running") };
        for (var s = 0; s < Services; s++)
        {
            var name = ScalePlans.ServiceName(s);
            services.Add(Service(name, PublishedBase + s));
            for (var t = 0; t < Tasks; t++)
            {
                var n = (s * Tasks) + t + 1;
                var address = IPAddress.Parse($"10.216.{n / 256}.{n % 256}");
                var state = drained == (s, t) ? "stopping" : "running";
                tasks.Add(Task($"{name}.{t + 1}", name, Nodes[n % Nodes.Count].Name, address, state));
            }
        }

        var document = new
        {
            nodes = Nodes.Select(n => new { name = n.Name, address = n.Underlay.ToString() }),
            networks = new[] { new { name = "ingress", subnet = IngressSubnet, vni = 4096, ingress = true } },
            services,
            tasks,
        };
        return JsonSerializer.Serialize(document, Json);
    }

    public static async Task WriteAsync(string path, string content)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private static object Service(string name, int published) => new
    {
        name,
        endpointMode = "dnsrr",
        ports = new[] { new { protocol = "tcp", target = 80, published } },
    };

    private static object Task(string id, string service, string node, IPAddress address, string state) => new
    {
        id,
        service,
        node,
        addresses = new Dictionary<string, string> { ["ingress"] = address.ToString() },
        state,
    };
}
