using System.Text.Json.Nodes;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>
/// The gateway's routes.json for the test topology, in YARP's schema (Routes and Clusters at the top) with swarm clusters:
/// host <c>whoami.test</c> goes to service <c>whoami</c> (VIP) and, under <c>/dnsrr/</c> with the prefix removed, to
/// <c>whoami-dnsrr</c> (DNSRR, active health checks); host <c>api.test</c> goes to <c>whoami-dnsrr</c> as a whole.
/// </summary>
public sealed class RoutesFile : IDisposable
{
    public const string Host = "whoami.test";
    public const string ApiHost = "api.test";
    public const string ExtraHost = "extra.test";
    public const string VipService = "whoami";
    public const string DnsrrService = "whoami-dnsrr";

    private readonly string _directory = Directory.CreateTempSubdirectory("edge-gateway-it-").FullName;

    public RoutesFile(int upstreamPort)
    {
        UpstreamPort = upstreamPort;
        FilePath = System.IO.Path.Combine(_directory, "routes.json");
    }

    public string FilePath { get; }

    public int UpstreamPort { get; }

    /// <summary>The topology above; <paramref name="withExtraRoute"/> adds host <c>extra.test</c> (a reload's visible change).</summary>
    public JsonObject Standard(bool withExtraRoute = false)
    {
        var routes = new JsonObject
        {
            ["vip"] = Route(Host, "/{**catch-all}", "whoami"),
            ["dnsrr"] = Route(Host, "/dnsrr/{**rest}", "whoami-dnsrr", new JsonArray(new JsonObject { ["PathRemovePrefix"] = "/dnsrr" })),
            ["api"] = Route(ApiHost, "/{**catch-all}", "whoami-dnsrr"),
        };
        if (withExtraRoute)
        {
            routes["extra"] = Route(ExtraHost, "/{**catch-all}", "whoami");
        }

        return new JsonObject
        {
            ["Routes"] = routes,
            ["Clusters"] = new JsonObject
            {
                ["whoami"] = SwarmCluster(VipService, "vip"),
                ["whoami-dnsrr"] = WithHealthChecks(SwarmCluster(DnsrrService, "dnsrr")),
            },
        };
    }

    /// <summary>Writes the file the way editors do: a new file moved over the old one, so the watcher never sees half of it.</summary>
    public void Write(JsonNode document) => WriteText(document.ToJsonString(new() { WriteIndented = true }));

    public void WriteText(string text)
    {
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, FilePath, overwrite: true);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject Route(string host, string path, string cluster, JsonArray? transforms = null)
    {
        var route = new JsonObject
        {
            ["ClusterId"] = cluster,
            ["Match"] = new JsonObject { ["Hosts"] = new JsonArray(host), ["Path"] = path },
        };
        if (transforms is not null)
        {
            route["Transforms"] = transforms;
        }

        return route;
    }

    /// <summary>A swarm cluster: the destination names the service and port, Metadata the endpoint mode.</summary>
    private JsonObject SwarmCluster(string service, string endpointMode) => new()
    {
        ["LoadBalancingPolicy"] = "RoundRobin",
        ["Metadata"] = new JsonObject { ["EndpointMode"] = endpointMode },
        ["Destinations"] = new JsonObject { [service] = new JsonObject { ["Address"] = $"http://{service}:{UpstreamPort}" } },
    };

    private static JsonObject WithHealthChecks(JsonObject cluster)
    {
        cluster["HealthCheck"] = new JsonObject
        {
            ["Active"] = new JsonObject
            {
                ["Enabled"] = true,
                ["Interval"] = "00:00:01",
                // Generous: a busy machine must not make a healthy task look dead.
                ["Timeout"] = "00:00:03",
                ["Policy"] = "ConsecutiveFailures",
                ["Path"] = "/health",
            },
            ["Passive"] = new JsonObject { ["Enabled"] = true, ["Policy"] = "TransportFailureRate", ["ReactivationPeriod"] = "00:00:05" },
        };
        cluster["Metadata"]!["ConsecutiveFailuresHealthPolicy.Threshold"] = "2";
        return cluster;
    }
}
