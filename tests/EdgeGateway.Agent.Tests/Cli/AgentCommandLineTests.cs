using EdgeGateway.Agent.Cli;
using EdgeGateway.Agent.Tests.State;

namespace EdgeGateway.Agent.Tests.Cli;

public class AgentCommandLineTests
{
    private static readonly string ExampleState = Path.Combine(Repository.Root, "config", "mesh-state.example.json");

    [Fact]
    public async Task InvokeAsync_Plan_PrintsThePlanOfTheNode()
    {
        var (code, output, error) = await RunAsync("plan", "--state", ExampleState, "--node", "node3", "--config", Missing());

        Assert.Equal(2, code);
        Assert.Equal($"edge-agent: config '{Missing()}': file not found\n", error.ReplaceLineEndings("\n"));
        Assert.Empty(output);

        (code, output, error) = await RunAsync("plan", "--state", ExampleState, "--node", "node3");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("node node3\ningress: namespace edge-sbox-node3, bridge eg-br0 10.255.0.252/24", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  tcp 169.254.127.2:8080 rr (web)\n    -> 10.255.0.21:80 w=1\n    -> 10.255.0.22:80 w=1\n    -> 10.255.0.23:80 w=0\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_PlanSince_PrintsOnlyTheDifference()
    {
        var folder = Directory.CreateTempSubdirectory("edge-agent-cli-").FullName;
        try
        {
            var changed = Path.Combine(folder, "state.json");
            File.WriteAllText(changed, File.ReadAllText(ExampleState).Replace("\"state\": \"stopping\"", "\"state\": \"running\"", StringComparison.Ordinal));

            var (code, output, _) = await RunAsync("plan", "--state", changed, "--since", ExampleState, "--node", "node1");

            Assert.Equal(0, code);
            Assert.Equal(
                """
                ~ balancer tcp 10.0.1.10:80 (web): 10.0.1.23:80 w=0->1
                ~ balancer tcp 10.255.0.10:80 (web): 10.255.0.23:80 w=0->1
                ~ balancer tcp 169.254.127.2:8080 (web): 10.255.0.23:80 w=0->1

                """.ReplaceLineEndings("\n"),
                output.ReplaceLineEndings("\n"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task InvokeAsync_UnknownNode_ExitsWithBadInput()
    {
        var (code, _, error) = await RunAsync("plan", "--state", ExampleState, "--node", "nodeX");

        Assert.Equal(2, code);
        Assert.Equal("edge-agent: node 'nodeX' is not in the cluster state (known: node1, node2, node3)\n", error.ReplaceLineEndings("\n"));
    }

    private static string Missing() => Path.Combine(Path.GetTempPath(), "edge-agent-no-such-config.json");

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AgentCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
