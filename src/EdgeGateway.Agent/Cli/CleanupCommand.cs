using System.CommandLine;
using EdgeGateway.Agent.Kernel;
using EdgeGateway.Agent.Reconcile;
using EdgeGateway.Agent.State;
using EdgeGateway.Mesh.Linux.Nftables;
using EdgeGateway.Mesh.Planning;

namespace EdgeGateway.Agent.Cli;

/// <summary>`edge-agent cleanup`: removes everything the agent made on this node (DNAT, balancer, ingress network).</summary>
internal static class CleanupCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var command = new Command("cleanup", "Remove everything the agent made on this node");
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guard(error, async () =>
        {
            var options = common.Load(parse);
            var dnat = NftablesDataplanes.CreatePublishedPortDnat(new PublishedPortDnatOptions([]));
            await dnat.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("removed published-port DNAT").ConfigureAwait(false);

            await using (var sandbox = new SandboxBalancer(KernelDataplanes.Choose(options.Dataplane), KernelDataplanes.SandboxNamespace(options)))
            {
                if (sandbox.NamespaceExists)
                {
                    await sandbox.RemoveAllAsync(cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync("removed balancer").ConfigureAwait(false);
                }
            }

            var ingress = new AgentPlanner(options).Plan(await StateFileReader.ReadFileAsync(options.StateFile, cancellationToken).ConfigureAwait(false)).Ingress;
            if (ingress is not null)
            {
                await IngressNetworks.Create(options).RemoveAsync(ingress, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"removed ingress network ({ingress.SandboxNamespace})").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
