using System.CommandLine;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Cli;

/// <summary>`edge-agent plan`: prints this node's plan from a state file without touching the kernel.</summary>
internal static class PlanCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var since = new Option<string?>("--since") { Description = "An earlier state file: print only the difference from its plan" };
        var command = new Command("plan", "Print the node plan computed from the state file (no kernel access)") { since };
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guard(error, async () =>
        {
            var options = common.Load(parse);
            var planner = new AgentPlanner(options);
            var plan = planner.Plan(await StateFileReader.ReadFileAsync(options.StateFile, cancellationToken).ConfigureAwait(false));
            if (parse.GetValue(since) is { } earlierFile)
            {
                var earlier = planner.Plan(await StateFileReader.ReadFileAsync(earlierFile, cancellationToken).ConfigureAwait(false));
                await output.WriteLineAsync(PlanDiff.Between(earlier, plan).ToString()).ConfigureAwait(false);
            }
            else
            {
                await output.WriteAsync(PlanPrinter.Print(plan)).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
