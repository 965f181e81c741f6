using System.CommandLine;
using EdgeGateway.Agent.Docker;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using EdgeGateway.Agent.Status;

namespace EdgeGateway.Agent.Cli;

/// <summary>`edge-agent status`: what the kernel holds now, and whether it matches the plan from the state file.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var source = SourceOption.Create();
        var command = new Command("status", "Show the balancer as the kernel holds it (like ipvsadm -Ln), compared with the plan") { source };
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guard(error, async () =>
        {
            if (parse.GetValue(source) == SourceOption.Docker)
            {
                return await DockerStatus.WriteAsync(output, cancellationToken).ConfigureAwait(false);
            }

            var options = common.Load(parse);
            await using var sandbox = new SandboxBalancer(KernelDataplanes.Choose(options.Dataplane), KernelDataplanes.SandboxNamespace(options));
            if (!sandbox.NamespaceExists)
            {
                await output.WriteLineAsync($"No ingress sandbox '{KernelDataplanes.SandboxNamespace(options)}' on this node: the mesh is not built here.").ConfigureAwait(false);
                return AgentCommandLine.Failed;
            }

            var status = await sandbox.ReadAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(StatusTable.Render(status)).ConfigureAwait(false);
            if (File.Exists(options.StateFile))
            {
                var plan = new AgentPlanner(options).Plan(await StateFileReader.ReadFileAsync(options.StateFile, cancellationToken).ConfigureAwait(false));
                await output.WriteLineAsync(StatusComparison.Compare(plan.Balancers, status)).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
