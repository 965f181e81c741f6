using EdgeGateway.Mesh.Linux;
using EdgeGateway.Agent.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Agent.Docker;

/// <summary>
/// `edge-agent status --source docker`: who serves this node's mesh (Docker's own, where the kernel has IPVS, or
/// the agent), and what the agent's balancers hold in Docker's ingress sandbox and container sandboxes.
/// </summary>
internal static class DockerStatus
{
    public static async Task<int> WriteAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (KernelProbe.HasIpvs())
        {
            await output.WriteLineAsync("Mesh: Docker's own (the kernel has IPVS); the agent programs nothing, it follows and publishes the cluster state.").ConfigureAwait(false);
            return 0;
        }

        using var docker = DockerEngine.Connect(DockerEngine.DefaultEndpoint);
        var identity = await DockerNodeIdentity.ReadAsync(docker, cancellationToken).ConfigureAwait(false);
        var sandboxes = await new DockerStateReader(docker).ReadSandboxesAsync(cancellationToken).ConfigureAwait(false);
        await using var balancer = new DockerBalancer(identity.IngressSandboxAddress, DockerNodeIdentity.IngressSandboxPath, NullLogger<DockerBalancer>.Instance);
        await balancer.FollowSandboxesAsync(sandboxes, cancellationToken).ConfigureAwait(false);
        var role = identity.IsManager ? "manager" : "worker";
        await output.WriteLineAsync($"Mesh: the agent's (no IPVS in this kernel); {role} node {identity.NodeId}, ingress sandbox {identity.IngressSandboxAddress}, {sandboxes.Length} container sandboxes").ConfigureAwait(false);
        await output.WriteAsync(StatusTable.Render(await balancer.ReadAsync(cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        return 0;
    }
}
