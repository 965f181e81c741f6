using System.CommandLine;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// `edge-agent run | plan | status | cleanup`. Exit codes: 0 done, 1 failed at run time, 2 bad configuration or
/// cluster state.
/// </summary>
internal static class AgentCommandLine
{
    public const int Failed = 1;
    public const int BadInput = 2;

    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var root = new RootCommand("edge-agent: builds the EdgeGateway routing mesh (ingress network, published-port DNAT, L4 balancing) in this node's kernel");
        foreach (var option in common.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(RunCommand.Create(common, error));
        root.Subcommands.Add(PlanCommand.Create(common, output, error));
        root.Subcommands.Add(StatusCommand.Create(common, output, error));
        root.Subcommands.Add(CleanupCommand.Create(common, output, error));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Runs a command body, turning known errors into a message and an exit code.</summary>
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentConfigException or StateFileException or PlanningException)
        {
            await error.WriteLineAsync($"edge-agent: {e.Message}").ConfigureAwait(false);
            return BadInput;
        }
    }
}
