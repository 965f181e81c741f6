using System.CommandLine;
using EdgeGateway.Agent.Configuration;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Linux.Namespaces;
using EdgeGateway.Mesh.Plan;

namespace EdgeGateway.Agent.Cli;

/// <summary>
/// `edge-agent cleanup`: removes everything the agent made on this node: published-port DNAT, the balancer, and the
/// ingress network (sandbox namespace, with its bridge and VXLAN device, and the host veth).
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var command = new Command("cleanup", "Remove everything the agent made on this node");
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guard(error, async () =>
        {
            var options = common.Load(parse);
            await using var kernel = KernelDataplanes.Create(options, KernelDataplanes.Choose(options.Dataplane));
            var dataplanes = kernel.Dataplanes;

            await dataplanes.Dnat.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("removed published-port DNAT").ConfigureAwait(false);

            if (NetNamespaceStore.Exists(KernelDataplanes.SandboxNamespace(options)))
            {
                await dataplanes.Balancer.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"removed {dataplanes.Balancer.Name} balancer").ConfigureAwait(false);
            }

            var ingress = await IngressOfAsync(options, error, cancellationToken).ConfigureAwait(false);
            await dataplanes.Ingress!.RemoveAsync(ingress, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"removed ingress network ({ingress.SandboxNamespace}, {ingress.HostVethName})").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The ingress network to remove. Removal goes by names (sandbox namespace, host veth), which come from the
    /// agent's options; the state file, when readable, is only consulted so the plan is the real one.
    /// </summary>
    private static async Task<IngressNetworkPlan> IngressOfAsync(AgentOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        var planner = new AgentPlanner(options);
        try
        {
            var plan = planner.Plan(await StateFileReader.ReadFileAsync(options.StateFile, cancellationToken).ConfigureAwait(false));
            if (plan.Ingress is not null)
            {
                return plan.Ingress;
            }
        }
        catch (Exception e) when (e is StateFileException or Mesh.Planning.PlanningException)
        {
            await error.WriteLineAsync($"edge-agent: {e.Message} (removing the ingress network by name)").ConfigureAwait(false);
        }

        return planner.NamesOnlyIngress();
    }
}
